namespace LlmIngest;

/// <summary>What the spool does with a payload when it is full. Either way the loss is counted and logged.</summary>
public enum SpoolFullMode
{
    /// <summary>Refuse the new payload (its JSONL line says <c>payload_stored:false</c>).</summary>
    DropNewest,

    /// <summary>Delete the oldest spooled payloads to make room.</summary>
    DropOldest,
}
