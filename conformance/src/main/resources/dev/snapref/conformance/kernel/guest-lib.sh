# snapref guest library: the functions the host-generated program calls.
# Protocol (one marker per line on the console, each starting with "@@"):
#   @@READY                      guest booted, disks found
#   @@DISK SERIAL VDNAME MAJ:MIN one per virtio disk
#   @@BEGIN IDX / @@END IDX      one command of the current script
#   @@DM DMNAME MAJ:MIN SUSPENDED NAME   mapped devices in sysfs (before and after a command)
#   @@DML NAME MAJ:MIN           mapped devices as `dmsetup ls` lists them (around dmsetup commands)
#   @@RC N, @@O line, @@E line   exit code, stdout, stderr of dmsetup / dd
#   @@N BYTES                    bytes a read returned (data on the disk with serial "res")
#   @@BLOCKED                    I/O to a suspended device, not issued
#   @@PASTEND                    I/O starting past the end of the device (pread/pwrite semantics)
#   @@K line                     a kernel message the command caused (dmesg -c)
#   @@SCRIPT IDX / @@CLEAN IDX LEFT   script start / cleanup done, LEFT mapped devices remain
#   @@ABORT                      mapped devices survived the cleanup: the guest powers off
#   @@DONE                       program finished
export DM_DISABLE_UDEV=1

sr_vd_by_serial() { # SERIAL: sets SR_VD to the vdX with that serial
  for b in /sys/block/vd*; do
    [ -r "$b/serial" ] || continue
    read -r ser < "$b/serial"
    if [ "$ser" = "$1" ]; then SR_VD=${b##*/}; return 0; fi
  done
  return 1
}

sr_main() {
  want=$(sed -n 's/.*snapref\.disks=\([0-9]*\).*/\1/p' /proc/cmdline)
  i=0
  while [ "$(ls -d /sys/block/vd* 2>/dev/null | wc -l)" -lt "${want:-0}" ] && [ $i -lt 200 ]; do
    sleep 0.05; i=$((i + 1))
  done
  echo
  for b in /sys/block/vd*; do
    echo "@@DISK $(cat "$b/serial" 2>/dev/null) ${b##*/} $(cat "$b/dev")"
  done
  sr_vd_by_serial ctl; SR_CTL=/dev/$SR_VD
  sr_vd_by_serial res; SR_RES=/dev/$SR_VD
  mkdir -p /dev/disk
  dmesg -c >/dev/null
  echo "@@READY"
  len=$(dd if=$SR_CTL bs=512 count=1 2>/dev/null | tr -d '\000\n ')
  dd if=$SR_CTL bs=512 skip=1 count=$(( (len + 511) / 512 )) 2>/dev/null | head -c "$len" > /tmp/prog.sh
  . /tmp/prog.sh
  echo "@@DONE"
}

sr_dmlist() { # shell builtins only: no fork per device
  for d in /sys/block/dm-*; do
    [ -r "$d/dm/name" ] || continue
    read -r n < "$d/dm/name"; read -r mm < "$d/dev"; read -r su < "$d/dm/suspended"
    echo "@@DM ${d##*/} $mm $su $n"
  done
}

sr_begin() { echo "@@BEGIN $1"; sr_dmlist; }
sr_end() {
  sr_dmlist
  dmesg -c | sed 's/^/@@K /'
  echo "@@END $1"
}

sr_out() { # RC: print rc, stdout (/tmp/o) and stderr (/tmp/e)
  echo "@@RC $1"
  [ -s /tmp/o ] && sed 's/^/@@O /' /tmp/o
  [ -s /tmp/e ] && sed 's/^/@@E /' /tmp/e
  return 0
}

sr_script() { # IDX: a new script starts
  rm -f /dev/disk/*
  dmesg -c >/dev/null
  echo "@@SCRIPT $1"
}

sr_disk() { # NAME SERIAL
  sr_vd_by_serial "$2" || { echo "@@RC 1"; echo "@@E no disk with serial $2"; return 0; }
  read -r mm < /sys/block/$SR_VD/dev
  rm -f "/dev/disk/$1"
  mknod "/dev/disk/$1" b "${mm%%:*}" "${mm##*:}"
  echo "@@RC $?"
}

SR_RC=0
sr_dmls() { # mapped devices as dmsetup lists them (also those without a table, which sysfs lacks)
  dmsetup ls 2>/dev/null | sed -n 's/^\([^\t ]*\)[\t ]*(\([0-9]*:[0-9]*\)).*/@@DML \1 \2/p'
}

sr_dmsetup() { # dmsetup ARGS... (sysfs lists devices before; dmsetup ls after, for table-less ones)
  dmsetup "$@" >/tmp/o 2>/tmp/e
  SR_RC=$?
  sr_out $SR_RC
  sr_dmls
}

sr_mknode() { # NAME: keep /dev/mapper/NAME in step as `dmsetup mknodes` does (no udev here)
  dmsetup mknodes "$1" >/dev/null 2>&1
}

sr_suspended() { # DEV: true if DEV is a mapped device that is suspended or stacks on one
  [ -b "$1" ] || return 1
  set -- $(stat -L -c '%t %T' "$1")
  mm="$((0x$1)):$((0x$2))"
  for d in /sys/block/dm-*; do
    [ -r "$d/dev" ] || continue
    read -r dmm < "$d/dev"
    if [ "$dmm" = "$mm" ]; then
      sr_dm_suspended "${d##*/}"; return
    fi
  done
  return 1
}

sr_dm_suspended() { # dm-N: suspended, or one of the mapped devices its tables use is (sysfs slaves, recursively)
  local su s
  read -r su < "/sys/block/$1/dm/suspended"
  [ "$su" = 1 ] && return 0
  for s in /sys/block/$1/slaves/dm-*; do
    [ -e "$s" ] || continue
    sr_dm_suspended "${s##*/}" && return 0
  done
  return 1
}

sr_merge_wait() { # NAME: after a successful create/resume, wait until a snapshot-merge table has merged
  local i t a m
  set -- "$1" $(dmsetup table "$1" 2>/dev/null)
  [ "$4" = snapshot-merge ] || return 0
  i=0
  while [ $i -lt 1200 ]; do
    set -- "$1" $(dmsetup status "$1" 2>/dev/null)
    case "$5" in
      */*) a=${5%%/*}; m=$6; [ "$a" = "$m" ] && return 0 ;;
      *) return 0 ;;
    esac
    sleep 0.05; i=$((i + 1))
  done
  echo "@@RC 1"; echo "@@E merge of $1 failed: Connection timed out"
}

sr_bs() { # LEN -> a dd block size >= 4096 so that busybox dd uses a page-aligned buffer
  if [ "$1" -lt 4096 ]; then echo 4096; else echo "$1"; fi
}

sr_write() { # DEV OFFSET LENGTH CTLOFFSET (bytes)
  if [ ! -b "$1" ]; then echo "@@RC 1"; echo "@@E dd: can't open '$1': No such file or directory"; return 0; fi
  size=$(blockdev --getsize64 "$1")
  # I/O starting at or past the end never reaches the device (the block layer answers at
  # once), so only I/O starting inside a suspended device would block
  if [ "$2" -lt "$size" ] && sr_suspended "$1"; then echo "@@BLOCKED"; return 0; fi
  if [ "$2" -gt "$size" ]; then echo "@@PASTEND"; return 0; fi
  : >/tmp/o
  dd if=$SR_CTL of="$1" bs=$(sr_bs "$3") iflag=skip_bytes,count_bytes skip="$4" count="$3" \
     oflag=direct,seek_bytes seek="$2" conv=notrunc 2>/tmp/e
  sr_out $?
}

sr_read() { # DEV OFFSET LENGTH RESOFFSET (bytes)
  if [ -b "$1" ]; then
    size=$(blockdev --getsize64 "$1")
    if [ "$2" -lt "$size" ] && sr_suspended "$1"; then echo "@@BLOCKED"; return 0; fi
    if [ "$2" -gt "$size" ]; then echo "@@PASTEND"; return 0; fi
  fi
  rm -f /tmp/r; : >/tmp/o
  dd if="$1" of=/tmp/r bs=$(sr_bs "$3") iflag=direct,skip_bytes,count_bytes skip="$2" count="$3" 2>/tmp/e
  rc=$?
  n=0
  [ -f /tmp/r ] && n=$(wc -c < /tmp/r)
  if [ "$n" -gt 0 ]; then
    dd if=/tmp/r of=$SR_RES bs=$(sr_bs "$n") oflag=direct,seek_bytes seek="$4" conv=notrunc 2>/dev/null
  fi
  sr_out $rc
  echo "@@N $n"
}

sr_cleanup() { # IDX: remove every mapped device, forget the script's disks
  for round in 1 2 3 4 5; do
    left=0
    for d in /sys/block/dm-*; do
      [ -r "$d/dm/name" ] || continue
      dmsetup remove "$(cat "$d/dm/name")" >/dev/null 2>&1 || left=$((left + 1))
    done
    [ $left = 0 ] && break
  done
  left=0
  for d in /sys/block/dm-*; do [ -r "$d/dm/name" ] && left=$((left + 1)); done
  for n in /dev/mapper/*; do [ "$n" = /dev/mapper/control ] || rm -f "$n"; done
  rm -f /dev/disk/*
  dmesg -c >/dev/null
  echo "@@CLEAN $1 $left"
  if [ $left != 0 ]; then # the next script would not start clean: stop, the host boots anew
    echo "@@ABORT"; sync; poweroff -f
  fi
}
