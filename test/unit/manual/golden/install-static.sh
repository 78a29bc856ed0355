sudo coreos-installer install \
  --ignition-url=http://10.1.101.10:8080/new-worker.ign \
  --ignition-hash=sha512-ea48fe4c66b976ff6c824f6a3c2fce50cd3e06ef89354f47e0b50142ea9f524cdaaa11a08796eeca3da51c567d124b4927b185f4b065bc12c92a9778bd9a8f05 \
  --copy-network \
  --append-karg=console=ttyS0,115200n8 \
  /dev/disk/by-id/nvme-Samsung_SSD_980_S1
