# Sourced by ./course: installing what the course needs, from Debian's or
# Homebrew's packages (./course start), and the slide tools (--slides).
# Each function complains and returns 1 on failure; the caller decides.

missing_debian_packages() {
  local package missing=""
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  printf '%s' "${missing# }"
}

# install_dependencies yes|no "<Debian packages>" "<Homebrew packages>"
install_dependencies() {
  local assume_yes=$1 debian_packages=$2 brew_packages=$3 missing
  if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
    # shellcheck disable=SC2086
    missing=$(missing_debian_packages $debian_packages)
    [ -z "$missing" ] && { say "${GREEN}✓${RESET} all packages present: $debian_packages"; return; }
    say "Missing packages: ${BOLD}$missing${RESET}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null || { complain "need root to install: $missing" "Ask an administrator to run: apt-get install $missing"; return 1; }
      sudo="sudo"
      if [ "$assume_yes" != yes ] && [ -z "${CI:-}" ]; then
        printf 'Install them with sudo apt-get? [y/N] '
        local answer
        read -r answer || answer=""
        case $answer in [yY]*) ;; *) complain "nothing installed." "Install by hand: sudo apt-get install $missing"; return 1 ;; esac
      fi
    fi
    $sudo apt-get update -qq || { complain "apt-get update failed" "Check the network, then run ./course start again."; return 1; }
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing || { complain "apt-get install failed"; return 1; }
  elif command -v brew >/dev/null; then
    local package
    missing=""
    for package in $brew_packages; do
      brew list --versions "$package" >/dev/null 2>&1 || missing="$missing $package"
    done
    [ -z "$missing" ] && { say "${GREEN}✓${RESET} all Homebrew packages present"; return; }
    # shellcheck disable=SC2086
    brew install $missing || { complain "brew install failed"; return 1; }
  else
    say "${YELLOW}No apt-get or Homebrew here: make sure these are installed:${RESET} $debian_packages (Debian names)"
  fi
}

# Chromium from the system, then the npm packages exactly as slides/package-lock.json pins them.
# The decks bring their own fonts (npm); two sets of the system's, DejaVu and Liberation, let
# the browser check run a second time with other fonts behind the generic families.
install_slide_tools() {
  local assume_yes=$1
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    complain "rendering the slides needs Node.js (18 or later) with npm." "Debian: sudo apt-get install nodejs npm; macOS: brew install node"
    return 1
  fi
  install_dependencies "$assume_yes" "$SLIDE_PACKAGES fonts-dejavu-core fonts-liberation" "chromium" || return 1
  say "${DIM}Installing Marp, puppeteer-core and the decks' fonts into slides/node_modules (npm ci)...${RESET}"
  (cd "$ROOT/slides" && npm ci --no-audit --no-fund --loglevel=error) || { complain "npm ci failed (above)." "Check the network, then run ./course start --slides again."; return 1; }
  # A build configured before the tools were here must look for them again.
  if configured; then
    cmake "$BUILD" >/dev/null || { complain "configuring $BUILD again failed."; return 1; }
  fi
  say "${GREEN}✓${RESET} slide tools ready: ./course slides renders every deck, ./course slides check checks them"
}
