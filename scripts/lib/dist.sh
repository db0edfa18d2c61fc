# Shared by scripts/serve and scripts/package (sourced, not run).
#
# dist_stale: true when dist/ must be built again: it is missing, or an input of the build is newer
# than its index.html (which trunk writes last). A source edited while trunk was building is older
# than the index.html that build writes, so it goes unnoticed: after editing during a build, run
# `trunk build --release` again.
dist_stale() {
  [ -f dist/index.html ] || return 0
  [ -n "$(find src public assets index.html Trunk.toml Cargo.toml Cargo.lock .cargo -newer dist/index.html -print -quit 2>/dev/null)" ]
}
