namespace OpenGaussScale.Core.Operations;

/// <summary>Who answers the dropnode prompts: a person on a terminal, or --yes.</summary>
public interface IConfirmation
{
    /// <summary>True when a person answers (a terminal without --yes); only then is the restart question asked.</summary>
    bool IsInteractive { get; }

    /// <summary>Asks the question (exact original wording); true means go on.</summary>
    Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken);
}
