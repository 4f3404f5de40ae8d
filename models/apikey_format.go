package models

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash/crc32"
	"strings"
	"unsafe"
)

// API key format: "kw_" + 33 base62 characters of randomness (196 bits) + a
// 6-character base62 CRC32 of everything before it. The checksum lets a
// mistyped key fail without a database lookup and lets secret scanners
// recognise Keyward keys.
const (
	keyPrefix      = "kw_"
	keyRandomLen   = 33
	keyChecksumLen = 6
	// KeyLength is the length of every Keyward API key.
	KeyLength = len(keyPrefix) + keyRandomLen + keyChecksumLen
	// displayPrefixLen is how much of the key the list shows, e.g. "kw_AbC1".
	displayPrefixLen = len(keyPrefix) + 4
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// isBase62 answers "is this byte in base62?" with one load: WellFormedKey
// asks it for 39 bytes of every Bearer request, and searching the alphabet
// each time cost more than the key's SHA-256.
var isBase62 = func() (t [256]bool) {
	for i := range len(base62) {
		t[base62[i]] = true
	}
	return t
}()

// GenerateKey returns a new secret, its display prefix and its stored hash.
func GenerateKey() (secret, prefix, hash string, err error) {
	var b strings.Builder
	b.Grow(KeyLength)
	b.WriteString(keyPrefix)
	buf := make([]byte, 64)
	for b.Len() < len(keyPrefix)+keyRandomLen {
		if _, err := rand.Read(buf); err != nil {
			return "", "", "", err
		}
		for _, c := range buf {
			// note: rejecting bytes >= 248 (4*62) keeps every character equally likely.
			if c >= 248 || b.Len() == len(keyPrefix)+keyRandomLen {
				continue
			}
			b.WriteByte(base62[c%62])
		}
	}
	body := b.String()
	secret = body + checksum(body)
	return secret, secret[:displayPrefixLen], HashKey(secret), nil
}

func checksum(body string) string {
	out := checksumOf(body)
	return string(out[:])
}

// checksumOf works on arrays so that WellFormedKey, run on every Bearer
// request, allocates nothing.
func checksumOf(body string) (out [keyChecksumLen]byte) {
	n := crc32.Update(0, crc32.IEEETable, unsafe.Slice(unsafe.StringData(body), len(body)))
	for i := keyChecksumLen - 1; i >= 0; i-- {
		out[i] = base62[n%62]
		n /= 62
	}
	return out
}

// WellFormedKey checks length, alphabet and checksum: no database needed.
func WellFormedKey(key string) bool {
	if len(key) != KeyLength || !strings.HasPrefix(key, keyPrefix) {
		return false
	}
	for i := len(keyPrefix); i < len(key); i++ {
		if !isBase62[key[i]] {
			return false
		}
	}
	split := KeyLength - keyChecksumLen
	sum := checksumOf(key[:split])
	return string(sum[:]) == key[split:]
}

// HashKey is the one-way hash stored for a key. A plain SHA-256 suffices for
// a 196-bit random secret (NIST SP 800-63B); a slow KDF would only add latency.
func HashKey(key string) string {
	sum := HashKeySum(key)
	return hex.EncodeToString(sum[:])
}

// HashKeySum is HashKey as bytes, without allocating: the key cache is
// keyed by it. note: crc32 and sha256 only read the bytes, so viewing the
// string's bytes in place is safe.
func HashKeySum(key string) [sha256.Size]byte {
	return sha256.Sum256(unsafe.Slice(unsafe.StringData(key), len(key)))
}
