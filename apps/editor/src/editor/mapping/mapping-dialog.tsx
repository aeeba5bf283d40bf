import { Dialog } from '../../ui/dialog';

/** Placeholder until the mapping editor lands. */
export function MappingDialog({
  nodeId,
  onClose,
}: {
  nodeId: string;
  path: (string | number)[];
  flowId: string | null;
  onClose: () => void;
}) {
  return (
    <Dialog title={`Mapping for ${nodeId}`} onClose={onClose}>
      <p>Coming soon.</p>
    </Dialog>
  );
}
