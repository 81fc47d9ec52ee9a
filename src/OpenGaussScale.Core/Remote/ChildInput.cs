using System.Diagnostics;
using System.Text;

namespace OpenGaussScale.Core.Remote;

/// <summary>
/// Writes a local child process's standard input and closes it. A child may exit without reading its input (a script
/// that fails at its first line, `exit 3`): the write then meets a closed pipe (EPIPE, an IOException in .NET, which
/// ignores SIGPIPE). That is no error of ours: the child's exit code says what happened, so the caller waits for it.
/// </summary>
public static class ChildInput
{
    /// <summary>Writes <paramref name="input"/> (UTF-8, when not null) and closes stdin; a reader that went away is ignored.</summary>
    public static async Task WriteAndCloseAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var stdin = process.StandardInput.BaseStream;
        try
        {
            if (input is not null)
            {
                await stdin.WriteAsync(Encoding.UTF8.GetBytes(input), cancellationToken).ConfigureAwait(false);
                await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The child closed its end (exited, or closed stdin) before it read everything.
        }
        finally
        {
            Close(process);
        }
    }

    // Closing only releases our end of the pipe; nothing is left to flush that could fail once more.
    private static void Close(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }
}
