namespace OpenGaussScale.Core.Operations;

/// <summary>
/// gs_dropnode's prompts, word for word (reference 4.1), and its answer handling: yes/no/y/n in any case; anything else
/// is asked again with `Please type 'yes' or 'no': ` at most twice; a last answer that is not yes ends the run.
/// </summary>
public static class DropPrompts
{
    public const string Retry = "Please type 'yes' or 'no': ";

    /// <summary>Prompt 1: `The target node to be dropped is (['a', 'b']) \nDo you want to continue to drop the target node (yes/no)?`.</summary>
    public static string Targets(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return $"The target node to be dropped is ([{string.Join(", ", names.Select(n => $"'{n}'"))}]) \nDo you want to continue to drop the target node (yes/no)?";
    }

    /// <summary>Prompt 2, when only one node will remain.</summary>
    public const string OnlyOneLeft =
        "The cluster will have only one standalone node left after the operation!\nDo you want to continue to drop the target node (yes/no)? ";

    /// <summary>Prompt 3, single-node mode: restart the primary now?</summary>
    public const string Restart =
        "Only one primary node is left. It is recommended to restart the node.\nDo you want to restart the primary node now (yes/no)? ";

    /// <summary>
    /// Asks <paramref name="question"/> and reads answers until one is yes/y (true) or no/n (false), re-asking at most
    /// twice; no answer (end of input) or a third unknown answer is a no. Returns the last answer for the message.
    /// </summary>
    public static (bool Yes, string? Answer) Ask(string question, Func<string?> readLine, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(readLine);
        ArgumentNullException.ThrowIfNull(write);
        write(question);
        string? answer = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (attempt > 0)
            {
                write(Retry);
            }

            answer = readLine();
            switch (answer?.Trim().ToLowerInvariant())
            {
                case null:
                    return (false, null);
                case "yes" or "y":
                    return (true, answer);
                case "no" or "n":
                    return (false, answer);
            }
        }

        return (false, answer);
    }
}
