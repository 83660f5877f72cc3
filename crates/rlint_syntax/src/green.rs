//! The parser's green-tree builder: rowan's `GreenNodeBuilder` without its node interning.
//!
//! rowan's builder hashes every token and every node of up to three children into a cache, so
//! that equal subtrees share memory. For this parser that cost about 40% of a parse (perf on
//! the 20,000-line benchmark): most shell-form lines are unique, so their lookups buy nothing,
//! and a cache hit on a node still builds, then drops, the children it was given. Here only
//! short tokens are shared (keywords, blanks, newlines, `=`, short words), through a per-kind
//! map; long tokens and all nodes are built directly.

use rowan::{GreenNode, GreenToken, NodeOrToken, SyntaxKind};
use rustc_hash::FxHashMap;

type Element = NodeOrToken<GreenNode, GreenToken>;

/// Tokens longer than this are built fresh: they rarely repeat.
const SHARED_TOKEN_LEN: usize = 16;

/// Short tokens, by kind and text, shared across parses on one thread.
#[derive(Default)]
pub(crate) struct TokenCache {
    by_kind: Vec<FxHashMap<Box<str>, GreenToken>>,
}

impl TokenCache {
    fn token(&mut self, kind: SyntaxKind, text: &str) -> GreenToken {
        if text.len() > SHARED_TOKEN_LEN {
            return GreenToken::new(kind, text);
        }
        let idx = usize::from(kind.0);
        if self.by_kind.len() <= idx {
            self.by_kind.resize_with(idx + 1, FxHashMap::default);
        }
        let map = &mut self.by_kind[idx];
        if let Some(token) = map.get(text) {
            return token.clone();
        }
        let token = GreenToken::new(kind, text);
        map.insert(text.into(), token.clone());
        token
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
