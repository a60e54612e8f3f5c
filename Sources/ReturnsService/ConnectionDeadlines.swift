import NIOCore
import NIOHTTPTypes

/// Closes a connection that overruns `ConnectionLimits`: its request head, its body, or its idle time
/// between requests. One timer per connection, moved as the request goes on (it fires only at the current
/// deadline), so a request costs no scheduling of its own on the hot path.
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase { case awaitingHead, readingBody, responding, idle }

    private let limits: ConnectionLimits
    private var phase = Phase.awaitingHead
    /// Requests read whose response has not ended (HTTP/1.1 pipelining may read the next one early).
    private var inFlight = 0
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // The raw bytes tell when an idle connection starts its next request (the HTTP decoder only says
        // when the head is complete).
        try? context.pipeline.syncOperations.addHandler(FirstByte(owner: self), position: .first)
        set(.awaitingHead, after: limits.headerTimeout, context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    /// A byte arrived: an idle connection now has the header timeout to send its head.
    func bytesArrived(context: ChannelHandlerContext) {
        guard phase == .idle else { return }
        set(.awaitingHead, after: limits.headerTimeout, context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            inFlight += 1
            set(.readingBody, after: limits.bodyTimeout, context: context)
        case .body:
            break
        case .end:
            set(.responding, after: nil, context: context)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            inFlight -= 1
            if inFlight <= 0, phase == .responding {
                inFlight = 0
                set(.idle, after: limits.idleTimeout, context: context)
            }
        }
        context.write(data, promise: promise)
    }

    private func set(_ next: Phase, after timeout: Duration?, context: ChannelHandlerContext) {
        phase = next
        deadline = timeout.map { .now() + TimeAmount($0) }
        guard let deadline else { return }
        if let timerDeadline, timerDeadline <= deadline { return }
        timer?.cancel()
        schedule(at: deadline, context: context)
    }

    private func schedule(at when: NIODeadline, context: ChannelHandlerContext) {
        timerDeadline = when
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { [self] in
            timer = nil
            timerDeadline = nil
            guard let deadline else { return }
            if deadline <= .now() {
                context.close(promise: nil)
            } else {
                schedule(at: deadline, context: context)
            }
        }
    }

    /// Sits first in the pipeline and tells its owner of every read.
    final class FirstByte: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        private let owner: ConnectionDeadlines
        private var ownerContext: ChannelHandlerContext?

        init(owner: ConnectionDeadlines) {
            self.owner = owner
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if ownerContext == nil { ownerContext = try? context.pipeline.syncOperations.context(handler: owner) }
            if let ownerContext { owner.bytesArrived(context: ownerContext) }
            context.fireChannelRead(data)
        }
    }
}
