using System.Text;

namespace OpenGaussScale.Playground.Text;

/// <summary>
/// The playground's own ~/.bashrc for root and omm: unlike Debian's, it has no early return for non-interactive
/// shells (as on openEuler), so `source ~/.bashrc` from a tool brings the environment.
/// </summary>
public static class BashrcText
{
    public static string Build(string hostName, string user, IEnumerable<string> environmentLines)
    {
        ArgumentNullException.ThrowIfNull(environmentLines);
        var text = new StringBuilder();
        text.Append("# ~/.bashrc of ").Append(user).Append(" on ").Append(hostName).AppendLine(", written by ogscale-playground.");
        text.AppendLine("# No early return for non-interactive shells (as on openEuler): sourcing it always brings the environment.");
        foreach (var line in environmentLines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>~/.bash_profile: login shells read it instead of .bashrc, so it sources .bashrc (as openEuler's skeleton does).</summary>
    public const string BashProfile = "# written by ogscale-playground\nif [ -f ~/.bashrc ]; then . ~/.bashrc; fi\n";
}
