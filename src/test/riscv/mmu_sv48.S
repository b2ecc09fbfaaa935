/* Sv48 paging from S-mode (satp mode 9), including a 512 GiB terapage. */
#define SATP_MODE 9
#include "common.h"
#include "mmu.h"
