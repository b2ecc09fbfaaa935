package dev.cairn.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully decoded and checked payload, held apart from the object until every part of the stream
 * has been read, so that a bad stream leaves the object untouched.
 */
final class Staged {

  /** The version the payload was written at. */
  final int version;
  /** Decoded values by field index; null for fields the stream's version does not carry. */
  final Object[] values;
  /** Decoded subsections present in the stream, by name, in stream order. */
  final Map<String, Staged> subsections = new LinkedHashMap<>();

  Staged(int version, int fieldCount) {
    this.version = version;
    this.values = new Object[fieldCount];
  }
}
