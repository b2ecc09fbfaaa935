package dev.cairn.migration.controller;

/** A migration request that cannot be carried out; the message is meant for the user. */
public final class MigrationException extends Exception {

  public MigrationException(String message) {
    super(message);
  }
}
