using System.Text;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>Where a secret shows that must not: every regular file under some directories, read whole.</summary>
public static class SecretLeaks
{
    /// <summary>The control host's state directory (~/.ogscale of the user running the tests): local journals and logs.</summary>
    public static string ControlState => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ogscale");

    /// <summary>The files under <paramref name="roots"/> (symbolic links not followed) that contain one of the secrets, except those named <paramref name="allowedName"/>.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyList<string> secrets, IReadOnlyList<string> roots, string allowedName)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(roots);
        var needles = secrets.Select(s => Encoding.UTF8.GetBytes(s)).ToList();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var found = new List<string>();
        foreach (var file in roots.Where(Directory.Exists).SelectMany(r => Directory.EnumerateFiles(r, "*", options)))
        {
            if (Path.GetFileName(file) == allowedName)
            {
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // a socket, or a file gone since it was listed
            }

            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0))
            {
                found.Add(file);
            }
        }

        return found;
    }
}
