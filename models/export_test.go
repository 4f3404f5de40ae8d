package models

import "gorm.io/gorm"

// FindAll exposes findAll to the external tests, which need internal/testdb
// (it imports this package).
func FindAll[S any, T interface{ *S }](q *gorm.DB) ([]T, error) { return findAll[S, T](q) }
