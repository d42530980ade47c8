# Shared by scripts/test and scripts/run-local: install missing system packages, with a word about it.

step() { printf '\n==> %s\n' "$*"; }

# apt-get install, once, for the packages given; only when something is really missing.
install_packages() {
    if [[ $# -eq 0 ]]; then return; fi
    if ! command -v apt-get >/dev/null; then
        echo "missing: $* (install them with your package manager)" >&2
        exit 1
    fi
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    step "installing $* (apt)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The PostgreSQL server (initdb, pg_ctl), the libpq headers, pg_trgm (postgresql-contrib), and the
# Python packages the tests use as independent checkers.
ensure_test_requirements() {
    local missing=()
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql postgresql-contrib); fi
    if ! pkg-config --exists libpq 2>/dev/null && [[ ! -f /usr/include/postgresql/libpq-fe.h ]]; then
        missing+=(libpq-dev)
    fi
    if ! command -v pkg-config >/dev/null; then missing+=(pkg-config); fi
    # Tickets and check-in posters draw their QR codes with libqrencode.
    [[ -f /usr/include/qrencode.h ]] || missing+=(libqrencode-dev)
    # The browser tests reach every service through one front door, nginx, as a deployment does.
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    # The analytics dashboard is loaded in a real headless browser (Debian's chromium, with CJK fonts).
    if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then missing+=(chromium); fi
    if ! ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1; then missing+=(fonts-noto-cjk); fi
    # The browser tests (Tests/browser) drive that chromium through its WebDriver.
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    install_packages "${missing[@]}"
    # The calendar's feeds are checked by an independent iCalendar parser.
    if ! command -v python3 >/dev/null || ! python3 -m pip --version >/dev/null 2>&1; then
        install_packages python3 python3-pip
    fi
    # The deployment test renders the Kubernetes manifests with kubectl's kustomize.
    if ! command -v kubectl >/dev/null; then
        install_packages kubectl 2>/dev/null || install_packages kubernetes-client
    fi
    # Selenium for the browser tests, in a venv of its own (LINLI_BROWSER_VENV, default /tmp/linli-browser-venv).
    local venv="${LINLI_BROWSER_VENV:-/tmp/linli-browser-venv}"
    if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
        step "installing selenium into $venv (pip)"
        if ! python3 -m venv "$venv" 2>/dev/null; then
            install_packages python3-venv
            python3 -m venv "$venv"
        fi
        "$venv/bin/pip" install --quiet --disable-pip-version-check selenium
    fi
    local python_packages=()
    python3 -c 'import icalendar, dateutil' 2>/dev/null || python_packages+=(icalendar python-dateutil)
    command -v kubernetes-validate >/dev/null || python_packages+=(kubernetes-validate)
    if ((${#python_packages[@]})); then
        step "installing the Python packages ${python_packages[*]} (pip)"
        python3 -m pip install --quiet --disable-pip-version-check "${python_packages[@]}" 2>/dev/null ||
            python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${python_packages[@]}"
    fi
}

# What scripts/run-local needs: the PostgreSQL server and libpq, curl and Python for the stand-ins.
ensure_runtime_requirements() {
    local missing=()
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql postgresql-contrib); fi
    if [[ ! -f /usr/include/postgresql/libpq-fe.h ]]; then missing+=(libpq-dev); fi
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    [[ -f /usr/include/qrencode.h ]] || missing+=(libqrencode-dev)
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3)
    install_packages "${missing[@]}"
}
