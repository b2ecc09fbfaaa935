/* Sv39 paging from S-mode (satp mode 8). */
#define SATP_MODE 8
#include "common.h"
#include "mmu.h"
