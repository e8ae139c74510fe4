namespace LlmIngest;

/// <summary>A payload could be neither uploaded nor spooled (the spool is full and its policy refused it).</summary>
public sealed class PayloadNotStoredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PayloadNotStoredException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PayloadNotStoredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PayloadNotStoredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
