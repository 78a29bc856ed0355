export const jobs = {
  errors: {
    notFound: '作业 {{id}} 不存在（可能已被删除）。请返回作业列表。',
    staleRevision: '作业已在别处被修改（当前版本 {{current}}，您的版本 {{yours}}）。请重新加载；未覆盖任何内容。',
    corrupt: '无法读取已保存的作业 {{id}}（{{reason}}）。该文件已保留为 {{file}} 以便检查。',
    writeFailed: '无法保存作业（{{reason}}）。请检查磁盘剩余空间；之前保存的状态完好无损。',
  },
};
