# Sourced by run.sh and seeds.sh (which set $here to bench/): PyTorch in a venv at bench/.venv.
# Defines $venv and $python, and ensure_torch, which creates the venv and installs torch when it is missing.

venv="$here/.venv"
python="$venv/bin/python"

# PyPI's torch wheel carries CUDA libraries (several GB installed); a CPU-only wheel in pip's
# configured find-links folder is preferred when one is there. Either runs on the CPU.
install_torch() {
    echo "bench: PyTorch is missing; creating $venv and installing torch with pip" >&2
    python3 -m venv "$venv"
    local links wheel="" dir candidate
    links="$("$venv/bin/pip" config get global.find-links 2>/dev/null || true)"
    for dir in $links; do
        for candidate in "$dir"/torch-*+cpu-cp3*.whl; do
            [ -f "$candidate" ] && wheel="$candidate"
        done
    done
    if [ -n "$wheel" ] && "$venv/bin/pip" install --quiet "$wheel" numpy; then
        echo "bench: installed $(basename "$wheel") from pip's find-links" >&2
        return
    fi
    local free_gib
    free_gib=$(df -Pk "$here" | awk 'NR==2 { print int($4 / 1048576) }')
    if [ "$free_gib" -lt 8 ]; then
        echo "bench: only ${free_gib} GiB free; PyPI's torch wheel needs about 8 GiB installed" >&2
        return 1
    fi
    "$venv/bin/pip" install --quiet torch numpy
}

# Installs torch into bench/.venv unless it is importable there already.
ensure_torch() {
    "$python" -c 'import torch' 2>/dev/null || install_torch
}
