# Sourced by scripts/same-output, scripts/enrich-instructions and scripts/enrich-time:
# builds one example of the newswire-enrich crate as it is at a git revision, in a
# throwaway worktree, so that a base revision can be measured beside the working tree.
#
#   example_at_rev REV EXAMPLE OUT [PREPARE]
#
# copies the built example to OUT. PREPARE, when given, is a command run with the
# worktree's path before the build (to copy a harness in, or switch a pass off); a
# non-zero status from it stops the build (it runs as a condition, so `set -e` does not
# apply inside it: chain its steps with `&&`). Needs `work` (scratch directory) and `target`
# (CARGO_TARGET_DIR) set by the caller.
example_at_rev() {
    local rev="$1" example="$2" out="$3" prepare="${4:-}"
    local tree="$work/tree-$rev-$example"
    rm -rf "$tree"
    git worktree add --detach "$tree" "$rev" >/dev/null
    if [ -n "$prepare" ] && ! "$prepare" "$tree"; then
        git worktree remove --force "$tree"
        return 2
    fi
    (cd "$tree" && CARGO_TARGET_DIR="$target" cargo build --quiet --release -p newswire-enrich --example "$example")
    cp "$target/release/examples/$example" "$out"
    git worktree remove --force "$tree"
}
