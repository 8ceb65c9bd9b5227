//! Registration: forms, capacity and waiting lists, invitations, the organisers list.
