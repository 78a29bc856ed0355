nmcli con add type ethernet con-name ens3 ifname ens3 \
  802-3-ethernet.mac-address 52:54:00:AA:BB:CC \
  802-3-ethernet.mtu 1500 \
  ipv4.method manual \
  ipv4.addresses 10.1.101.50/24 \
  ipv4.gateway 10.1.101.1 \
  ipv4.dns '10.1.101.1 10.1.101.2' \
  ipv4.dns-search example.com \
  ipv6.method disabled \
  connection.autoconnect yes
nmcli con up ens3
