/**
 * Cache file names for artifacts that belong to one infra-env. Two sites often share a cluster name
 * (`sno` is the installer's default), so a name built from the cluster alone would let a second job
 * overwrite the first job's discovery ISO and the technician boot another site's image. The
 * infra-env id is unique per job's infra-env and also says, on disk, which job an ISO belongs to.
 */
export function discoveryIsoName(clusterName: string, infraEnvId: string, imageType: string): string {
  return `discovery_image_${clusterName}_${infraEnvId}_${imageType}.iso`;
}
