using System.CommandLine;

namespace Auth.Api.Cli;

/// <summary>
/// A password given as <c>--password</c>, or with <c>--password-stdin</c> as the first line of standard input, out of
/// the process list and the shell history. Both at once is a usage mistake (exit code 2).
/// </summary>
public sealed class PasswordOptions(string description)
{
    private readonly Option<string> _password = VerbOptions.Text("--password", "PASSWORD", description);

    private readonly Option<bool> _stdin = VerbOptions.Flag("--password-stdin",
        "Read the password from the first line of standard input, out of the process list and the shell history.");

    /// <param name="required">Whether the command needs one of the two (a usage mistake without either).</param>
    public void AddTo(Command command, bool required = false)
    {
        command.Add(_password);
        command.Add(_stdin);
        command.Validators.Add(result =>
        {
            var given = result.GetResult(_password) is not null;
            var fromInput = result.GetResult(_stdin) is not null;
            if (given && fromInput)
            {
                result.AddError("Give --password or --password-stdin, not both.");
            }
            else if (required && !given && !fromInput)
            {
                result.AddError("Give --password or --password-stdin.");
            }
        });
    }

    /// <summary>The password; null when neither option was given, or standard input was empty.</summary>
    public async Task<string?> ReadAsync(VerbContext verb) =>
        verb.Value(_stdin) ? await Console.In.ReadLineAsync(verb.CancellationToken) : verb.Value(_password);
}
