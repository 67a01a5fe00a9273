// Secrets of the hub: long-lived tokens and one-time enrollment codes. Both
// come from the system's CSPRNG (QRandomGenerator::system()); the store keeps
// only their SHA-256, so a copy of the database does not let anyone in.
#pragma once

#include <QString>

namespace mobiliza::hub::secrets {

// 32 random bytes, base64url without padding (43 characters).
QString newToken();
// SHA-256 (lower-case hex) of the token text.
QString tokenHash(const QString &token);
// What logs and the CLI show of a token: the first 8 hex digits of its hash.
QString tokenIdFromHash(const QString &hash);

// 12 Crockford base32 characters (60 bits) in groups of four: "K7QF-2M9X-PL4D".
// The alphabet has no I, L, O or U, so nothing is ambiguous when read aloud.
QString newEnrollmentCode();
// What a person typed, reduced to the canonical 12 characters: upper case,
// without spaces or hyphens, O→0 and I/L→1 (Crockford's reading rules).
// Empty when it cannot be a code.
QString normalizeEnrollmentCode(const QString &typed);
// SHA-256 (hex) of the normalized code; empty for something that is not a code.
QString enrollmentCodeHash(const QString &typed);

} // namespace mobiliza::hub::secrets
