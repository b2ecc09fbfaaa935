package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/**
 * Splits a byte stream into JSON values as they complete, whatever the chunking (QMP has no
 * framing: values may span reads or share one). Malformed input is reported once and skipped up
 * to the next newline, so a client can go on; values too big or too deep are refused the same
 * way, so no client can make the monitor hold unbounded memory.
 *
 * <p>Reference: QEMU {@code qobject/json-streamer.c} (limits {@code MAX_TOKEN_SIZE}, {@code
 * MAX_NESTING}) and {@code qobject/json-parser.c} ("JSON parse error, ...").
 */
final class JsonStreamReader {

  /** What the reader finds: values and errors, in input order. */
  interface Sink {
    void value(JsonNode value);

    /** {@code message} is QEMU-shaped: "JSON parse error, ..." or a limit message. */
    void error(String message);
  }

  static final int MAX_VALUE_BYTES = 1 << 20;
  static final int MAX_NESTING = 1024;

  private final ObjectMapper mapper;
  private final JsonFactory factory;
  private final Sink sink;
  private JsonParser parser;
  private TokenBuffer tokens;
  private int depth;
  /** Parser byte offset where the value being read began (after the previous value). */
  private long valueStart;
  private boolean skippingToNewline;

  JsonStreamReader(ObjectMapper mapper, Sink sink) {
    this.mapper = mapper;
    this.factory = mapper.getFactory().copy();
    // Jackson's own limits stay above ours, so ours (with QEMU's messages) fire first.
    factory.setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING * 2)
        .maxStringLength(MAX_VALUE_BYTES * 2)
        .build());
    this.sink = sink;
    restart();
  }

  /** Takes the next bytes of the stream; reports every value and error they complete. */
  void feed(byte[] data, int offset, int length) {
    int end = offset + length;
    int at = offset;
    while (at < end) {
      if (skippingToNewline) {
        while (at < end && data[at] != '\n') {
          at++;
        }
        if (at == end) {
          return;
        }
        at++;
        skippingToNewline = false;
        continue;
      }
      int chunkEnd = Math.min(end, at + 4096);
      long fedBefore = parser.currentLocation().getByteOffset();
      try {
        ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(data, at, chunkEnd);
        int chunkStart = at;
        at = chunkEnd;
        try {
          drain();
        } catch (JsonProcessingException e) {
          // Resume on the line after the offending byte: the rest of a broken line is noise.
          long read = parser.currentLocation().getByteOffset() - fedBefore;
          at = (int) Math.max(chunkStart, Math.min(chunkEnd, chunkStart + read));
          fail(parseMessage(e));
        }
      } catch (IOException e) {
        fail("JSON parse error, " + e.getMessage());
        at = end;
      }
    }
  }

  private void drain() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
      if (tokens == null) {
        tokens = new TokenBuffer(parser);
      }
      tokens.copyCurrentEvent(parser);
      if (token.isStructStart()) {
        if (++depth > MAX_NESTING) {
          throw new LimitException("JSON nesting depth limit exceeded");
        }
      } else if (token.isStructEnd()) {
        depth--;
      }
      if (depth == 0) {
        long end = parser.currentLocation().getByteOffset();
        if (end - valueStart > MAX_VALUE_BYTES) {
          throw new LimitException("JSON token size limit exceeded");
        }
        JsonNode value = mapper.readTree(tokens.asParser());
        tokens = null;
        valueStart = end;
        sink.value(value);
      }
    }
    if (parser.currentLocation().getByteOffset() - valueStart > MAX_VALUE_BYTES) {
      throw new LimitException("JSON token size limit exceeded");
    }
  }

  private void fail(String message) {
    sink.error(message);
    restart();
    skippingToNewline = true;
  }

  private void restart() {
    try {
      if (parser != null) {
        parser.close();
      }
      parser = factory.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException("Jackson cannot make a non-blocking parser", e);
    }
    tokens = null;
    depth = 0;
    valueStart = 0;
  }

  private static String parseMessage(JsonProcessingException e) {
    if (e instanceof LimitException) {
      return e.getOriginalMessage();
    }
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return "JSON parse error, " + (newline < 0 ? message : message.substring(0, newline));
  }

  /** One of QEMU's limits was hit; its message is QEMU's. */
  private static final class LimitException extends JsonProcessingException {
    LimitException(String message) {
      super(message);
    }
  }
}
