import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { StatementRefused } from './reconciliation-api';
import { StatementUploadDialog } from './statement-upload';

const OFX = '<OFX><STMTTRN><TRNAMT>1188000.00</TRNAMT></STMTTRN></OFX>';

function choose(name: string, text: string) {
  const input = screen.getByLabelText('Statement file');
  fireEvent.change(input, { target: { files: [new File([text], name)] } });
}

describe('StatementUploadDialog', () => {
  it('sends the text with the format its name suggests and the account, and says what was imported', async () => {
    const onUpload = vi.fn(async () => ({
      statementId: 's1',
      imported: 3,
      duplicates: 1,
      errors: [],
    }));
    render(<StatementUploadDialog onUpload={onUpload} onClose={() => {}} />);
    choose('march.ofx', OFX);
    expect((screen.getByLabelText('Format') as HTMLSelectElement).value).toBe('ofx');
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    const result = await screen.findByTestId('statement-result');
    expect(result.textContent).toBe('Imported 3 lines, 1 already imported before.');
    expect(onUpload).toHaveBeenCalledWith({
      text: OFX,
      filename: 'march.ofx',
      format: 'ofx',
      account: 'default',
    });
  });

  it('asks for the format when the name does not tell, and lists the lines of a refused file', async () => {
    const onUpload = vi.fn(async () => {
      throw new StatementRefused('2 lines could not be read; nothing was imported', [
        { line: 4, message: 'amount "12,3,4" is not a number' },
        { line: 9, message: 'no date' },
      ]);
    });
    render(<StatementUploadDialog onUpload={onUpload} onClose={() => {}} />);
    choose('statement.txt', 'date,amount');
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose the statement format');
    expect(onUpload).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'csv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        '2 lines could not be read; nothing was imported. Fix these lines and upload again.',
      ),
    );
    const lines = screen.getByTestId('statement-line-errors');
    expect(
      within(lines)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Line 4: amount "12,3,4" is not a number', 'Line 9: no date']);
  });
});
