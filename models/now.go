package models

import "time"

// nowUTC is the timestamp for created_at and updated_at. note: truncated to
// microseconds because PostgreSQL keeps no more; a cursor made from the
// value in memory must equal the stored one on both databases.
func nowUTC() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
