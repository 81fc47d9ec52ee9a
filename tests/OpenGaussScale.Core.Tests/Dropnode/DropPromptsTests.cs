using OpenGaussScale.Core.Operations;

namespace OpenGaussScale.Core.Tests.Dropnode;

public sealed class DropPromptsTests
{
    [Fact]
    public void The_prompts_are_the_originals_word_for_word()
    {
        Assert.Equal(
            "The target node to be dropped is (['node2', 'node3']) \nDo you want to continue to drop the target node (yes/no)?",
            DropPrompts.Targets(["node2", "node3"]));
        Assert.Equal(
            "The cluster will have only one standalone node left after the operation!\nDo you want to continue to drop the target node (yes/no)? ",
            DropPrompts.OnlyOneLeft);
        Assert.Equal(
            "Only one primary node is left. It is recommended to restart the node.\nDo you want to restart the primary node now (yes/no)? ",
            DropPrompts.Restart);
    }

    [Theory]
    [InlineData(true, "yes")]
    [InlineData(true, "Y")]
    [InlineData(true, " YES ")]
    [InlineData(false, "no")]
    [InlineData(false, "N")]
    [InlineData(true, "maybe", "sure", "y")]
    [InlineData(false, "maybe", "n")]
    [InlineData(false, "maybe", "sure", "ok", "yes")]
    public void Answers_are_yes_no_y_n_in_any_case_with_at_most_two_retries(bool expected, params string[] answers)
    {
        var queue = new Queue<string>(answers);
        var written = new List<string>();

        var (yes, _) = DropPrompts.Ask("Q?", () => queue.Count > 0 ? queue.Dequeue() : null, written.Add);

        Assert.Equal(expected, yes);
        Assert.Equal("Q?", written[0]);
        Assert.All(written.Skip(1), w => Assert.Equal("Please type 'yes' or 'no': ", w));
        Assert.True(written.Count <= 3);
    }

    [Fact]
    public void The_end_of_input_is_a_no()
    {
        var (yes, answer) = DropPrompts.Ask("Q?", () => null, _ => { });

        Assert.False(yes);
        Assert.Null(answer);
    }
}
