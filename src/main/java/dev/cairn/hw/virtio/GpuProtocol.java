package dev.cairn.hw.virtio;

/**
 * The numbers of the virtio-gpu protocol (2D subset). Reference: virtio 1.2 §5.7.6 (device
 * operation: request header, command and response types, formats), §5.7.4 (configuration).
 */
final class GpuProtocol {

  private GpuProtocol() {}

  /** Feature bit: the device answers GET_EDID. */
  static final int VIRTIO_GPU_F_EDID = 1;

  /** Configuration space events_read bit: the display configuration changed. */
  static final int VIRTIO_GPU_EVENT_DISPLAY = 1;

  static final int MAX_SCANOUTS = 16;

  // ---- control queue commands ----
  static final int CMD_GET_DISPLAY_INFO = 0x0100;
  static final int CMD_RESOURCE_CREATE_2D = 0x0101;
  static final int CMD_RESOURCE_UNREF = 0x0102;
  static final int CMD_SET_SCANOUT = 0x0103;
  static final int CMD_RESOURCE_FLUSH = 0x0104;
  static final int CMD_TRANSFER_TO_HOST_2D = 0x0105;
  static final int CMD_RESOURCE_ATTACH_BACKING = 0x0106;
  static final int CMD_RESOURCE_DETACH_BACKING = 0x0107;
  static final int CMD_GET_CAPSET_INFO = 0x0108;
  static final int CMD_GET_CAPSET = 0x0109;
  static final int CMD_GET_EDID = 0x010a;

  // ---- cursor queue commands ----
  static final int CMD_UPDATE_CURSOR = 0x0300;
  static final int CMD_MOVE_CURSOR = 0x0301;

  // ---- responses ----
  static final int RESP_OK_NODATA = 0x1100;
  static final int RESP_OK_DISPLAY_INFO = 0x1101;
  static final int RESP_OK_EDID = 0x1104;
  static final int RESP_ERR_UNSPEC = 0x1200;
  static final int RESP_ERR_OUT_OF_MEMORY = 0x1201;
  static final int RESP_ERR_INVALID_SCANOUT_ID = 0x1202;
  static final int RESP_ERR_INVALID_RESOURCE_ID = 0x1203;
  static final int RESP_ERR_INVALID_PARAMETER = 0x1205;

  /** Header flag: the driver wants the fence id echoed when the command completes. */
  static final int FLAG_FENCE = 1;

  /** struct virtio_gpu_ctrl_hdr: type, flags, fence_id, ctx_id, ring_idx, padding. */
  static final int HDR_SIZE = 24;

  // ---- formats (enum virtio_gpu_formats): the byte order in memory, first byte first ----
  static final int FORMAT_B8G8R8A8 = 1;
  static final int FORMAT_B8G8R8X8 = 2;
  static final int FORMAT_A8R8G8B8 = 3;
  static final int FORMAT_X8R8G8B8 = 4;
  static final int FORMAT_R8G8B8A8 = 67;
  static final int FORMAT_X8B8G8R8 = 68;
  static final int FORMAT_A8B8G8R8 = 121;
  static final int FORMAT_R8G8B8X8 = 134;

  /** Whether {@code format} is one of the 32-bit formats above. */
  static boolean knownFormat(int format) {
    switch (format) {
      case FORMAT_B8G8R8A8:
      case FORMAT_B8G8R8X8:
      case FORMAT_A8R8G8B8:
      case FORMAT_X8R8G8B8:
      case FORMAT_R8G8B8A8:
      case FORMAT_X8B8G8R8:
      case FORMAT_A8B8G8R8:
      case FORMAT_R8G8B8X8:
        return true;
      default:
        return false;
    }
  }

  /**
   * Turns a pixel read as a little-endian int from guest memory into {@code 0xAARRGGBB}; formats
   * without alpha get 0xFF.
   */
  static int toArgb(int format, int le) {
    switch (format) {
      case FORMAT_B8G8R8A8:
        return le;
      case FORMAT_B8G8R8X8:
        return le | 0xFF00_0000;
      case FORMAT_A8R8G8B8:
        return Integer.reverseBytes(le);
      case FORMAT_X8R8G8B8:
        return Integer.reverseBytes(le) | 0xFF00_0000;
      case FORMAT_R8G8B8A8:
        return swapRedBlue(le);
      case FORMAT_X8B8G8R8:
        return swapRedBlue(Integer.reverseBytes(le)) | 0xFF00_0000;
      case FORMAT_A8B8G8R8:
        return swapRedBlue(Integer.reverseBytes(le));
      default: // FORMAT_R8G8B8X8
        return swapRedBlue(le) | 0xFF00_0000;
    }
  }

  private static int swapRedBlue(int v) {
    return (v & 0xFF00_FF00) | ((v >>> 16) & 0xFF) | ((v & 0xFF) << 16);
  }
}
