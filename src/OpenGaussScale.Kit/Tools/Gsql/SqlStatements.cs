using System.Text;
using System.Text.RegularExpressions;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.Gsql;

/// <summary>
/// Splits a -c text into statements and drops the openGauss-only session settings PostgreSQL would reject
/// (e.g. gs_dropnode's "SET enable_slot_log TO 1"), which are no-ops on the kit.
/// </summary>
public static partial class SqlStatements
{
    public static IReadOnlyList<string> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        foreach (var c in sql)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ';')
            {
                Flush();
                continue;
            }

            current.Append(c);
        }

        Flush();
        return statements;

        void Flush()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
            {
                statements.Add(text);
            }

            current.Clear();
        }
    }

    /// <summary>True for "SET [SESSION|LOCAL] name TO|= value" where name is an openGauss-only parameter.</summary>
    public static bool IsOpenGaussOnlySet(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var match = SetPattern().Match(statement);
        return match.Success && GucCatalog.Classify(match.Groups["name"].Value, _ => false) == GucKind.OpenGaussOnly;
    }

    [GeneratedRegex(@"^SET\s+(SESSION\s+|LOCAL\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(TO|=)", RegexOptions.IgnoreCase)]
    private static partial Regex SetPattern();
}
