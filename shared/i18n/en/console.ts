export const console = {
  title: 'Add a worker through the OpenShift Cluster Manager console',
  intro: 'Add the host in the web console, then come back here: this page hands over to writing the ISO to USB, approving the node’s certificate requests and checking it is Ready.',
  steps: {
    console: 'Generate the discovery ISO in the console',
    iso: 'Write the ISO to a USB stick and boot the machine',
    install: 'Install the host from the console',
    join: 'Approve CSRs and check the node is Ready',
  },
  consoleText: 'In OpenShift Cluster Manager:',
  consoleSteps: {
    open: 'Open your cluster from the cluster list.',
    addHosts: 'Go to the “Add Hosts” tab and click “Add hosts”.',
    fullIso: 'Choose “Full image file” (best for USB), add your SSH key, and generate the ISO.',
    download: 'Download the discovery ISO to this laptop. The link expires; download it soon.',
  },
  openConsole: 'Open OpenShift Cluster Manager',
  isoText: 'Write the downloaded ISO to a USB stick (all data on the stick is erased), boot the new machine from it once, and check it appears in the console’s host list.',
  isoPath: 'Path of the downloaded ISO',
  usbHint: 'Use the USB writer to write it safely (it never lets you pick an internal disk).',
  openUsb: 'Open the USB writer',
  installText:
    'When the console shows the host as Ready, click “Install ready hosts”. Wait for “Installed”: that means the host rebooted, not yet that it joined. Eject the USB stick so it boots from disk.',
  joinText: 'The console cannot approve the node’s certificate requests for you. With a kubeconfig for the cluster:',
  hostName: 'Host name of the new node',
  markDone: 'Done',
};
