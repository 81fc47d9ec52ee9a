using System.Text;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>What an undo restored and what it could not, as dropnode's automatic undo and rollback print it.</summary>
internal static class UndoView
{
    public static StringBuilder AppendUndo(this StringBuilder text, IReadOnlyList<string> restored, IReadOnlyList<string> notRestored) =>
        text.AppendList("undone (newest first):", restored).AppendList("not undone:", notRestored);

    public static StringBuilder AppendList(this StringBuilder text, string title, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = true;
        foreach (var line in lines)
        {
            if (first)
            {
                text.Append('\n').Append(title).Append('\n');
                first = false;
            }

            text.Append("  ").Append(line).Append('\n');
        }

        return text;
    }
}
