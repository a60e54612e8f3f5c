import ArgumentParser
import Foundation
import ReturnsService

/// `boomerang apikey`: a new API key and the line that configures it (hashed).
struct APIKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Make an API key: prints the key once, and its hashed line for the key file.",
        discussion: "Add the line to the --api-keys file (or BOOMERANG_API_KEYS); give the key to the client. The service keeps only the hash."
    )

    @Option(help: "A name for the key's holder.") var name: String
    @Option(help: "read (GET only) or write (also records returns, dispatches, loads plans).") var scope: String = "read"

    func run() throws {
        guard APIKeys.Scope(rawValue: scope) != nil else {
            printError("error: --scope: '\(scope)' is not read or write")
            throw ExitCode(2)
        }
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
            printError("error: --name: give one word")
            throw ExitCode(2)
        }
        let key = APIKeys.generate()
        print("key:  \(key)")
        print("line: \(name) \(scope) \(APIKeys.hash(key))")
    }
}
