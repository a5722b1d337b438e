# Sourced by fetch-kernel.sh and build-guest.sh: finds a kernel image and the modules the guest
# needs (virtio disks, dm-snapshot) with their dependencies, in load order.
SR_WANT="virtio_blk virtio_pci dm-snapshot"
# modinfo (kmod) lives in /sbin, which a user's PATH may lack
SR_MODINFO=$(command -v modinfo || ls /usr/sbin/modinfo /sbin/modinfo 2>/dev/null | head -n1 || true)

sr_find_image() { # DIR: the bzImage of a kernel folder (unpacked package, install folder or tree)
  local d=$1 f
  for f in "$d/vmlinuz" "$d/bzImage" "$d"/boot/vmlinuz-* "$d"/vmlinuz-* "$d/arch/x86/boot/bzImage" \
           "$d/arch/x86_64/boot/bzImage"; do
    if [ -f "$f" ]; then echo "$f"; return 0; fi
  done
  return 1
}

sr_find_moddir() { # DIR: DIR/lib/modules/RELEASE, if there is one
  local m
  for m in "$1"/lib/modules/*/; do
    if [ -d "$m" ]; then echo "${m%/}"; return 0; fi
  done
  return 1
}

_sr_norm() { echo "${1//-/_}"; }

_sr_file() { # DIR NAME: the module file of NAME under DIR (.ko, .ko.xz, .ko.zst, .ko.gz; - or _)
  local a=${2//-/_} b=${2//_/-}
  find "$1" -type f \( -name "$a.ko" -o -name "$a.ko.*" -o -name "$b.ko" -o -name "$b.ko.*" \) 2>/dev/null | head -n1
}

_sr_builtin() { # DIR NAME: true when DIR/modules.builtin lists the module
  local a=${2//-/_} b=${2//_/-}
  [ -f "$1/modules.builtin" ] && grep -qE "(^|/)($a|$b)\.ko$" "$1/modules.builtin"
}

_sr_visit() { # DIR NAME: print NAME's dependencies' files, then its own (each once; SR_SEEN)
  local dir=$1 n f d
  n=$(_sr_norm "$2")
  case " $SR_SEEN " in *" $n "*) return 0;; esac
  SR_SEEN="$SR_SEEN $n"
  f=$(_sr_file "$dir" "$n")
  if [ -z "$f" ]; then
    _sr_builtin "$dir" "$n" && return 0
    [ -f "$dir/modules.builtin" ] || return 0 # a tree without the list: assume built in
    echo "module $n is neither under $dir nor built in" >&2; return 1
  fi
  for d in $("${SR_MODINFO:-modinfo}" -F depends "$f" 2>/dev/null | tr ',' ' '); do _sr_visit "$dir" "$d" || return 1; done
  echo "$f"
}

# sr_module_files DIR: the module files the guest loads, dependencies first (modinfo's
# "depends"): the closure of SR_WANT under DIR. Built-in modules (modules.builtin) are
# skipped; in a folder without modules.builtin a module not found is taken as built in.
sr_module_files() {
  local m
  SR_SEEN=""
  for m in $SR_WANT; do _sr_visit "$1" "$m" || return 1; done
}
