package main

// adminCommands are `keyward admin …`: a way back in for an operator.
func adminCommands() []command { return nil }
