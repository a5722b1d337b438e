# snapref guest library: the functions the host-generated program calls.
# Protocol (one marker per line on the console, each starting with "@@"):
#   @@KERNEL RELEASE             uname -r of the guest kernel
#   @@DMMAJOR N                  the block major of device-mapper (names a failed create's device)
#   @@TARGET NAME VERSION        a device-mapper target the kernel offers (dmsetup targets)
#   @@NODM                       the kernel has no device-mapper: no script can run
#   @@READY                      guest booted, disks found
#   @@DISK SERIAL VDNAME MAJ:MIN one per virtio disk
#   @@BEGIN IDX / @@END IDX      one command of the current script
#   @@DM DMNAME MAJ:MIN SUSPENDED NAME   mapped devices in sysfs (before and after a command)
#   @@DML NAME MAJ:MIN           mapped devices as `dmsetup ls` lists them (after a create)
#   @@RC N, @@O line, @@E line   exit code, stdout, stderr (on failure) of dmsetup / dd
#   @@N BYTES                    bytes a read returned (data on the disk with serial "res")
#   @@BLOCKED                    I/O to a suspended device, not issued
#   @@PASTEND                    I/O starting past the end of the device (pread/pwrite semantics)
#   @@K line                     a kernel message the command caused (dmesg -c)
#   @@SCRIPT IDX / @@CLEAN IDX LEFT   script start / cleanup done, LEFT mapped devices remain
#   @@ABORT                      mapped devices survived the cleanup: the guest powers off
#   @@DONE                       program finished
# TCG makes every fork and exec costly (tens of milliseconds), so the per-command work is
# shell builtins (read, printf, test) except the command itself and one `dmesg -c`.
export DM_DISABLE_UDEV=1

sr_pre() { # PREFIX FILE: print FILE's lines with PREFIX (builtins only)
  while IFS= read -r l || [ -n "$l" ]; do printf '%s %s\n' "$1" "$l"; done < "$2"
}

sr_main() {
  want=$(sed -n 's/.*snapref\.disks=\([0-9]*\).*/\1/p' /proc/cmdline)
  i=0
  while [ "$(ls -d /sys/block/vd* 2>/dev/null | wc -l)" -lt "${want:-0}" ] && [ $i -lt 200 ]; do
    sleep 0.05; i=$((i + 1))
  done
  echo
  mkdir -p /tmp/ser /tmp/dk /dev/disk
  for b in /sys/block/vd*; do
    ser=; read -r ser < "$b/serial"; read -r mm < "$b/dev"
    echo "${b##*/}" > "/tmp/ser/$ser"
    echo "@@DISK $ser ${b##*/} $mm"
  done
  echo "@@KERNEL $(uname -r)"
  while read -r num dev; do [ "$dev" = device-mapper ] && echo "@@DMMAJOR $num"; done < /proc/devices
  if [ ! -e /dev/mapper/control ] && ! grep -q device-mapper /proc/misc; then echo "@@NODM"; fi
  dmsetup targets 2>/dev/null > /tmp/t && sr_pre @@TARGET /tmp/t
  read -r SR_VD < /tmp/ser/ctl; SR_CTL=/dev/$SR_VD
  read -r SR_VD < /tmp/ser/res; SR_RES=/dev/$SR_VD
  dmesg -c >/dev/null
  echo "@@READY"
  len=$(dd if=$SR_CTL bs=512 count=1 2>/dev/null | tr -d '\000\n ')
  dd if=$SR_CTL bs=512 skip=1 count=$(( (len + 511) / 512 )) 2>/dev/null | head -c "$len" > /tmp/prog.sh
  . /tmp/prog.sh
  echo "@@DONE"
}

sr_dmlist() { # builtins only: no fork per device
  for d in /sys/block/dm-*; do
    [ -r "$d/dm/name" ] || continue
    read -r n < "$d/dm/name"; read -r mm < "$d/dev"; read -r su < "$d/dm/suspended"
    echo "@@DM ${d##*/} $mm $su $n"
  done
}

sr_begin() { echo "@@BEGIN $1"; sr_dmlist; }
sr_end() {
  sr_dmlist
  dmesg -c > /tmp/k
  [ -s /tmp/k ] && sr_pre @@K /tmp/k
  echo "@@END $1"
}

sr_out() { # RC: print rc, stdout (/tmp/o) and, on failure, stderr (/tmp/e)
  echo "@@RC $1"
  [ -s /tmp/o ] && sr_pre @@O /tmp/o
  [ "$1" != 0 ] && [ -s /tmp/e ] && sr_pre @@E /tmp/e
  return 0
}

sr_script() { # IDX: a new script starts (the cleanup of the one before left no devices)
  echo "@@SCRIPT $1"
}

sr_disk() { # NAME SERIAL
  if [ ! -r "/tmp/ser/$2" ]; then echo "@@RC 1"; echo "@@E no disk with serial $2"; return 0; fi
  read -r vd < "/tmp/ser/$2"; read -r mm < /sys/block/$vd/dev
  echo "$vd" > "/tmp/dk/$1"
  mknod "/dev/disk/$1" b "${mm%%:*}" "${mm##*:}"
  echo "@@RC $?"
}

SR_RC=0
sr_dmls() { # mapped devices as dmsetup lists them (also those without a table, which sysfs lacks)
  dmsetup ls > /tmp/l 2>/dev/null
  while read -r n mm rest; do mm=${mm#(}; echo "@@DML $n ${mm%)}"; done < /tmp/l
}

sr_dmsetup() { # dmsetup ARGS...
  dmsetup "$@" >/tmp/o 2>/tmp/e
  SR_RC=$?
  sr_out $SR_RC
}

sr_mknode() { # NAME: keep /dev/mapper/NAME in step as `dmsetup mknodes` does (no udev here)
  [ -b "/dev/mapper/$1" ] || dmsetup mknodes "$1" >/dev/null 2>&1
}

# sr_dev DEV: sets SR_SIZE (bytes) and SR_SUSP (1 if suspended) from sysfs with builtins;
# returns 1 when DEV is not a block device (dd's "can't open"), 2 when sysfs does not know it
sr_dev() {
  [ -b "$1" ] || return 1
  SR_SUSP=0
  case "$1" in
    /dev/disk/*)
      [ -r "/tmp/dk/${1#/dev/disk/}" ] || return 2
      read -r vd < "/tmp/dk/${1#/dev/disk/}"; read -r s < "/sys/block/$vd/size"
      SR_SIZE=$((s * 512)); return 0;;
    /dev/mapper/*)
      for d in /sys/block/dm-*; do
        [ -r "$d/dm/name" ] || continue
        read -r n < "$d/dm/name"
        if [ "$n" = "${1#/dev/mapper/}" ]; then
          read -r s < "$d/size"; sr_dm_suspended "${d##*/}" && SR_SUSP=1
          SR_SIZE=$((s * 512)); return 0
        fi
      done;;
  esac
  return 2
}

sr_dev_slow() { # DEV: sr_dev's answer with blockdev and stat, for devices sysfs does not name
  SR_SIZE=$(blockdev --getsize64 "$1")
  SR_SUSP=0
  set -- $(stat -L -c '%t %T' "$1")
  mm="$((0x$1)):$((0x$2))"
  for d in /sys/block/dm-*; do
    [ -r "$d/dev" ] || continue
    read -r dmm < "$d/dev"
    if [ "$dmm" = "$mm" ]; then
      sr_dm_suspended "${d##*/}" && SR_SUSP=1
      return 0
    fi
  done
  return 0
}

# sr_io_check DEV OFFSET: 0 to issue the I/O; else prints what happened instead and returns 1.
# A /dev/mapper node of a device without a disk (no table ever loaded; libdm made the node at a
# resume because udev is off here) is absent on a udev system: ENOENT, as for no node at all.
sr_io_check() {
  sr_dev "$1"; r=$?
  case "$r:$1" in
    1:*|2:/dev/mapper/*) echo "@@RC 1"; echo "@@E dd: can't open '$1': No such file or directory"; return 1;;
  esac
  [ $r = 2 ] && sr_dev_slow "$1"
  # I/O starting at or past the end never reaches the device (the block layer answers at
  # once), so only I/O starting inside a suspended device would block
  if [ "$2" -lt "$SR_SIZE" ] && [ "$SR_SUSP" = 1 ]; then echo "@@BLOCKED"; return 1; fi
  if [ "$2" -gt "$SR_SIZE" ]; then echo "@@PASTEND"; return 1; fi
  return 0
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

sr_write() { # DEV OFFSET LENGTH CTLOFFSET (bytes)
  sr_io_check "$1" "$2" || return 0
  bs=4096; [ "$3" -gt 4096 ] && bs=$3
  : >/tmp/o
  dd if=$SR_CTL of="$1" bs=$bs iflag=skip_bytes,count_bytes skip="$4" count="$3" \
     oflag=direct,seek_bytes seek="$2" conv=notrunc 2>/tmp/e
  sr_out $?
}

sr_read() { # DEV OFFSET LENGTH RESOFFSET (bytes): one O_DIRECT dd from DEV onto the result disk
  sr_io_check "$1" "$2" || return 0
  bs=4096; [ "$3" -gt 4096 ] && bs=$3
  : >/tmp/o
  dd if="$1" of=$SR_RES bs=$bs iflag=direct,skip_bytes,count_bytes skip="$2" count="$3" \
     oflag=direct,seek_bytes seek="$4" conv=notrunc 2>/tmp/e
  rc=$?
  # busybox dd prints "F+P records in": one read of LENGTH bytes, whole (F=1), cut at the
  # end of the device (P=1: what lies before the end) or failed (0+0)
  n=0
  while read -r rec what rest; do
    [ "$what" = records ] || continue
    case "$rec" in
      1+*) n=$3;;
      0+1) n=$((SR_SIZE - $2)); [ $n -gt "$3" ] && n=$3;;
    esac
    break
  done < /tmp/e
  sr_out $rc
  echo "@@N $n"
}

sr_cleanup() { # IDX: remove every mapped device, forget the script's disks
  dmsetup remove_all >/dev/null 2>&1
  for round in 1 2 3 4 5; do
    left=0
    for d in /sys/block/dm-*; do
      [ -r "$d/dm/name" ] || continue
      read -r n < "$d/dm/name"
      dmsetup remove "$n" >/dev/null 2>&1 || left=$((left + 1))
    done
    [ $left = 0 ] && break
  done
  rm -f /dev/disk/* /tmp/dk/*
  dmesg -c >/dev/null
  echo "@@CLEAN $1 $left"
  if [ $left != 0 ]; then # the next script would not start clean: stop, the host boots anew
    echo "@@ABORT"; sync; poweroff -f
  fi
}
