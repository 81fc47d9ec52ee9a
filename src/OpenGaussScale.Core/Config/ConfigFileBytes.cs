using OpenGaussScale.Core.Validation;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// Reads a cluster XML's bytes, at most <see cref="ClusterXmlReader.MaxBytes"/> + 1 of them whatever the file claims,
/// turning every I/O failure into one diagnostic. Only a regular file (or a symbolic link to one) is opened: a FIFO,
/// a device or a socket is refused from its type alone, for callers that do not come through the CLI's -X check.
/// </summary>
internal static class ConfigFileBytes
{
    public static byte[]? Read(string path, DiagnosticBag bag)
    {
        const string hint = "check the path given with -X";
        if (path.Length == 0)
        {
            bag.Error(0, "no file name given", hint);
            return null;
        }

        if (Directory.Exists(path))
        {
            bag.Error(0, "this is a directory, not a cluster XML file", hint);
            return null;
        }

        // Told without opening it: opening a FIFO blocks until someone writes, and a device may never end.
        if (LocalFileType.Of(path) is var kind and not (FileKind.Regular or FileKind.Unknown or FileKind.Missing))
        {
            bag.Error(0, $"this is {LocalFileType.Describe(kind)}, not a regular file; a cluster XML is never read from a pipe or device", "save the cluster XML to a file and give its path with -X");
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[ClusterXmlReader.MaxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > ClusterXmlReader.MaxBytes)
            {
                // A device such as /dev/zero can seek but reports length 0: then the size is only known to be too large.
                var size = stream.CanSeek && stream.Length > ClusterXmlReader.MaxBytes ? $"{stream.Length} bytes" : "more than 1048576 bytes";
                bag.Error(0, $"the file is larger than 1 MiB ({size}); a cluster XML is a few kilobytes", "check that -X names the cluster XML file");
                return null;
            }

            return buffer[..total];
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            bag.Error(0, "the file does not exist", hint);
        }
        catch (UnauthorizedAccessException)
        {
            bag.Error(0, "the file cannot be read: permission denied", "make it readable by the user running ogscale");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            bag.Error(0, $"the file cannot be read: {ex.Message.TrimEnd('.')}", hint);
        }

        return null;
    }
}
