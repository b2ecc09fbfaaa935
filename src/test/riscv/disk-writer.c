/*
 * A bare-metal guest for storage migration tests: finds the virtio-blk device on the virt
 * board's virtio-mmio slots (modern interface, as Cairn's transport is), sets up one split
 * virtqueue and keeps writing 512-byte sectors spread over the first 4 MiB of the disk, each
 * filled from the write's number, for ever. Every 64 writes it prints a letter on the UART, so a
 * test sees it progress. Polls the used ring instead of taking interrupts.
 */
typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define UART ((volatile u8 *) 0x10000000)
#define MMIO(slot, reg) (*(volatile u32 *) (0x10001000UL + (slot) * 0x1000UL + (reg)))
#define QSIZE 8
#define SECTORS 8192

struct desc { u64 addr; u32 len; u16 flags; u16 next; };
struct avail { u16 flags; u16 idx; u16 ring[QSIZE]; };
struct used_elem { u32 id; u32 len; };
struct used { u16 flags; u16 idx; struct used_elem ring[QSIZE]; };
struct req { u32 type; u32 reserved; u64 sector; };

static struct desc descs[QSIZE] __attribute__((aligned(16)));
static struct avail avail __attribute__((aligned(16)));
static volatile struct used used __attribute__((aligned(16)));
static struct req header;
static u64 sector_data[64];
static volatile u8 status;

static void halt(char why) {
  *UART = why;
  for (;;) {
  }
}

void main(void) {
  int slot = -1;
  for (int i = 0; i < 8; i++) {
    if (MMIO(i, 0x000) == 0x74726976 && MMIO(i, 0x008) == 2) {
      slot = i;
      break; /* Cairn maps only the slots in use, from 0 up: never read past them */
    }
  }
  if (slot < 0) {
    halt('!');
  }
  MMIO(slot, 0x070) = 0;
  MMIO(slot, 0x070) = 1;
  MMIO(slot, 0x070) = 1 | 2;
  MMIO(slot, 0x024) = 1;
  MMIO(slot, 0x020) = 1; /* VIRTIO_F_VERSION_1 (bit 32) */
  MMIO(slot, 0x024) = 0;
  MMIO(slot, 0x020) = 0;
  MMIO(slot, 0x070) = 1 | 2 | 8;
  if (!(MMIO(slot, 0x070) & 8)) {
    halt('?');
  }
  MMIO(slot, 0x030) = 0;
  MMIO(slot, 0x038) = QSIZE;
  MMIO(slot, 0x080) = (u32) (u64) descs;
  MMIO(slot, 0x084) = (u32) ((u64) descs >> 32);
  MMIO(slot, 0x090) = (u32) (u64) &avail;
  MMIO(slot, 0x094) = (u32) ((u64) &avail >> 32);
  MMIO(slot, 0x0a0) = (u32) (u64) &used;
  MMIO(slot, 0x0a4) = (u32) ((u64) &used >> 32);
  MMIO(slot, 0x044) = 1;
  MMIO(slot, 0x070) = 1 | 2 | 8 | 4;

  descs[0] = (struct desc) {(u64) &header, sizeof header, 1, 1};
  descs[1] = (struct desc) {(u64) sector_data, sizeof sector_data, 1, 2};
  descs[2] = (struct desc) {(u64) &status, 1, 2, 0};
  for (u64 n = 1;; n++) {
    u64 sector = (n * 2654435761UL) % SECTORS;
    for (int w = 0; w < 64; w++) {
      sector_data[w] = (n << 16) ^ (sector << 8) ^ w;
    }
    header = (struct req) {1, 0, sector}; /* VIRTIO_BLK_T_OUT */
    status = 0xff;
    u16 before = used.idx;
    avail.ring[avail.idx % QSIZE] = 0;
    __sync_synchronize();
    avail.idx++;
    __sync_synchronize();
    MMIO(slot, 0x050) = 0;
    while (used.idx == before) {
    }
    MMIO(slot, 0x064) = MMIO(slot, 0x060);
    if (status != 0) {
      halt('E');
    }
    if (n % 64 == 0) {
      *UART = 'A' + (n / 64) % 26;
    }
  }
}

__asm__(
    "  .section .text.init\n"
    "  .globl _start\n"
    "_start:\n"
    "  lla sp, _stack_top\n"
    "  call main\n"
    "1: j 1b\n");
