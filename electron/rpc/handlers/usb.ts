import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type UsbMethods = 'usb.support' | 'usb.listDrives' | 'usb.listImages' | 'usb.inspectImage' | 'usb.startWrite' | 'usb.cancelWrite' | 'usb.writes';

export function usbHandlers(s: Services): HandlerGroup<UsbMethods> {
  return {
    'usb.support': () => s.usb.support(),
    'usb.listDrives': async ({ imagePath }) => ({ drives: await s.usb.listDrives(imagePath) }),
    'usb.listImages': async () => ({ images: await s.usb.listImages() }),
    'usb.inspectImage': ({ path }) => s.usb.inspectImage(path),
    'usb.startWrite': (input) => s.usb.startWrite(input),
    'usb.cancelWrite': ({ writeId }) => s.usb.cancel(writeId),
    'usb.writes': () => s.usb.writes(),
  };
}
