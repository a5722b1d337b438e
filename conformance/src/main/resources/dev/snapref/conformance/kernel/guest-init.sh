#!/bin/busybox sh
# /init of the snapref kernel guest. Loads the dm and virtio modules, keeps kernel messages
# off the console, runs the program the host put on the disk with serial "ctl", powers off.
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
dmesg -n 1
for m in $(cat /lib/modules/order); do
  [ -f /lib/modules/$m.ko ] && insmod /lib/modules/$m.ko
done
. /lib/snapref-guest.sh
sr_main
sync
poweroff -f
