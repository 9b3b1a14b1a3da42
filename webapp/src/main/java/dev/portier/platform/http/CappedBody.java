package dev.portier.platform.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory up to a limit; a larger body fails the exchange with an
 * {@link IOException} and stops reading, so a plugin's request cannot fill the host's memory. A
 * declared {@code Content-Length} over the limit fails before any byte is read.
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

    private final long limit;
    private final String origin;

    CappedBody(long limit, String origin) {
        this.limit = limit;
        this.origin = origin;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        return new Reader(info.headers().firstValueAsLong("Content-Length"));
    }

    private IOException tooLarge() {
        return new IOException("The response from " + origin + " is larger than " + describe(limit)
                + "; Portier reads at most that much");
    }

    static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    private final class Reader implements HttpResponse.BodySubscriber<byte[]> {
        private final OptionalLong declaredLength;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final List<byte[]> chunks = new ArrayList<>();
        private Flow.Subscription subscription;
        private long received;

        Reader(OptionalLong declaredLength) {
            this.declaredLength = declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredLength.isPresent() && declaredLength.getAsLong() > limit) {
                subscription.cancel();
                body.completeExceptionally(tooLarge());
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > limit) {
                    subscription.cancel();
                    chunks.clear();
                    body.completeExceptionally(tooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                chunks.add(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            byte[] all = new byte[Math.toIntExact(received)];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            body.complete(all);
        }
    }
}
