// The user's own header of the same name as one of dscosim's: dscosim's headers include
// "dscosim/model/core/status.h", so this one must never be read through them.
#error "a user's model/core/status.h was included in place of dscosim's"
