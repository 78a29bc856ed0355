nmcli con add type bond con-name bond0 ifname bond0 \
  bond.options mode=active-backup,miimon=100 \
  connection.autoconnect-slaves 1 \
  802-3-ethernet.mtu 9000 \
  ipv4.method disabled \
  ipv6.method disabled \
  connection.autoconnect yes
nmcli con add type ethernet con-name ens1f0 ifname ens1f0 master bond0 slave-type bond \
  802-3-ethernet.mac-address 52:54:00:00:00:01 \
  802-3-ethernet.mtu 9000 \
  connection.autoconnect yes
nmcli con add type ethernet con-name ens1f1 ifname ens1f1 master bond0 slave-type bond \
  802-3-ethernet.mac-address 52:54:00:00:00:02 \
  802-3-ethernet.mtu 9000 \
  connection.autoconnect yes
nmcli con add type vlan con-name bond0.201 ifname bond0.201 vlan.parent bond0 vlan.id 201 \
  802-3-ethernet.mtu 1500 \
  ipv4.method manual \
  ipv4.addresses 192.168.201.20/24 \
  ipv4.gateway 192.168.201.1 \
  ipv4.dns 192.168.201.53 \
  ipv4.dns-search 'lab.example.com example.com' \
  ipv4.routes '10.20.0.0/16 192.168.201.254 50' \
  ipv6.method manual \
  ipv6.addresses 2001:db8:201::20/64 \
  ipv6.gateway fe80::1 \
  ipv6.dns 2001:db8:201::53 \
  connection.autoconnect yes
nmcli con up bond0
nmcli con up bond0.201
