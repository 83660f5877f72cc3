//! The parser's green-tree builder: rowan's `GreenNodeBuilder` without its node interning.
//!
//! rowan's builder hashes every token and every node of up to three children into a cache, so
//! that equal subtrees share memory. For this parser that cost about 40% of a parse (perf on
//! the 20,000-line benchmark): most shell-form lines are unique, so their lookups buy nothing,
//! and a cache hit on a node still builds, then drops, the children it was given. Here only
//! short tokens are shared (keywords, blanks, newlines, `=`, short words), through a
//! direct-mapped table; long tokens and all nodes are built directly.

use rowan::{GreenNode, GreenToken, NodeOrToken, SyntaxKind};

type Element = NodeOrToken<GreenNode, GreenToken>;

/// Tokens longer than this are built fresh: they rarely repeat.
const SHARED_TOKEN_LEN: usize = 16;

/// Slots in the token table (a power of two). A collision only costs a fresh token, and the
/// table's size bounds its memory: at most this many short tokens stay alive.
const SLOTS: usize = 1024;

/// A short token and the key it was stored under.
struct Slot {
    key: Key,
    token: GreenToken,
}

/// Kind, length and two overlapping reads of a text of at most 16 bytes: equal keys mean equal
/// kind and text, so a lookup compares integers and never reads the token's own memory.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    head: u64,
    tail: u64,
    kind_len: u32,
}

impl Key {
    fn new(kind: SyntaxKind, text: &[u8]) -> Key {
        let len = text.len();
        debug_assert!(len <= SHARED_TOKEN_LEN);
        let u64_at = |at: usize| u64::from_le_bytes(text[at..at + 8].try_into().unwrap());
        let u32_at =
            |at: usize| u64::from(u32::from_le_bytes(text[at..at + 4].try_into().unwrap()));
        // The two reads cover every byte for each length, so with the length they decide
        // equality.
        let (head, tail) = match len {
            8.. => (u64_at(0), u64_at(len - 8)),
            4.. => (u32_at(0), u32_at(len - 4)),
            1.. => (
                u64::from(text[0]) | u64::from(text[len / 2]) << 8,
                u64::from(text[len - 1]),
            ),
            0 => (0, 0),
        };
        Key {
            head,
            tail,
            kind_len: u32::from(kind.0) << 8 | len as u32,
        }
    }

    fn slot(&self) -> usize {
        let mixed = (self.head ^ self.tail.rotate_left(29) ^ u64::from(self.kind_len) << 40)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (mixed >> (64 - SLOTS.trailing_zeros())) as usize
    }
}

/// A node holding one short token (an argument, key, value, flag value...) and its key.
struct LeafSlot {
    key: Key,
    kind: SyntaxKind,
    node: GreenNode,
}

/// Short tokens, and nodes made of one short token, shared across parses on one thread.
#[derive(Default)]
pub(crate) struct TokenCache {
    slots: Vec<Option<Slot>>,
    leaves: Vec<Option<LeafSlot>>,
}

impl TokenCache {
    /// A node of `kind` whose only child is a token: shared when the text is short, so a
    /// repeated `.`, `/app` or `PATH` costs a reference count instead of an allocation.
    fn leaf(&mut self, kind: SyntaxKind, token_kind: SyntaxKind, text: &str) -> GreenNode {
        if text.len() > SHARED_TOKEN_LEN {
            let token = GreenToken::new(token_kind, text);
            return GreenNode::new(kind, [NodeOrToken::Token(token)]);
        }
        if self.leaves.is_empty() {
            self.leaves.resize_with(SLOTS, || None);
        }
        let key = Key::new(token_kind, text.as_bytes());
        let idx = (key.slot() ^ usize::from(kind.0).wrapping_mul(0x9e5)) & (SLOTS - 1);
        if let Some(hit) = &self.leaves[idx] {
            if hit.key == key && hit.kind == kind {
                return hit.node.clone();
            }
        }
        let token = self.token(token_kind, text);
        let node = GreenNode::new(kind, [NodeOrToken::Token(token)]);
        self.leaves[idx] = Some(LeafSlot {
            key,
            kind,
            node: node.clone(),
        });
        node
    }

    fn token(&mut self, kind: SyntaxKind, text: &str) -> GreenToken {
        if text.len() > SHARED_TOKEN_LEN {
            return GreenToken::new(kind, text);
        }
        if self.slots.is_empty() {
            self.slots.resize_with(SLOTS, || None);
        }
        let key = Key::new(kind, text.as_bytes());
        let slot = &mut self.slots[key.slot()];
        match slot {
            Some(hit) if hit.key == key => hit.token.clone(),
            _ => {
                let token = GreenToken::new(kind, text);
                *slot = Some(Slot {
                    key,
                    token: token.clone(),
                });
                token
            }
        }
    }
}

/// Builds a green tree from `start_node` / `token` / `finish_node` calls, like rowan's.
pub(crate) struct Builder<'c> {
    cache: &'c mut TokenCache,
    parents: Vec<(SyntaxKind, usize)>,
    children: Vec<Element>,
}

impl<'c> Builder<'c> {
    pub(crate) fn new(cache: &'c mut TokenCache) -> Builder<'c> {
        Builder {
            cache,
            parents: Vec::new(),
            children: Vec::new(),
        }
    }

    pub(crate) fn token(&mut self, kind: SyntaxKind, text: &str) {
        let token = self.cache.token(kind, text);
        self.children.push(NodeOrToken::Token(token));
    }

    /// A whole node of `kind` holding one token.
    pub(crate) fn leaf(&mut self, kind: SyntaxKind, token_kind: SyntaxKind, text: &str) {
        let node = self.cache.leaf(kind, token_kind, text);
        self.children.push(NodeOrToken::Node(node));
    }

    pub(crate) fn start_node(&mut self, kind: SyntaxKind) {
        self.parents.push((kind, self.children.len()));
    }

    pub(crate) fn finish_node(&mut self) {
        let (kind, first) = self
            .parents
            .pop()
            .expect("finish_node without a matching start_node");
        let node = GreenNode::new(kind, self.children.drain(first..));
        self.children.push(NodeOrToken::Node(node));
    }

    /// The root: the one node left once every node is finished.
    pub(crate) fn finish(mut self) -> GreenNode {
        assert!(self.parents.is_empty(), "unfinished nodes");
        assert_eq!(self.children.len(), 1, "the tree has one root");
        match self.children.pop() {
            Some(NodeOrToken::Node(node)) => node,
            _ => unreachable!("the root is a node"),
        }
    }
}
