package org.gridsettle.journal;

/**
 * Where a cleanly closed journal ended: its data record count, XXH64 digest and SHA-256 seal, the three values
 * {@code settle verify} prints for it and an auditor keeps ({@link KeptSeal}). The seal is the close checkpoint's
 * SHA-256, which commits to every byte of every data record (FORMAT.md section 7); the digest is a checksum only.
 * <p>
 * Immutable; thread-safe.
 *
 * @param dataRecords the journal's data records, checkpoints not counted.
 * @param digest      the XXH64 chain head after the last data record.
 * @param sha256      the close checkpoint's SHA-256, 64 lowercase hex digits.
 */
public record JournalSeal(long dataRecords, long digest, String sha256)
{
}
