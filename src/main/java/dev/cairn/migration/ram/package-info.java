/**
 * The RAM live section of the savevm stream: {@link dev.cairn.migration.ram.RamSaver} sends every
 * page, then the pages the dirty log reports written since, in bounded chunks; {@link
 * dev.cairn.migration.ram.RamLoader} applies them. Zero pages travel as a flag only.
 */
package dev.cairn.migration.ram;
