package dev.portier.identity.apitokens;

/** A token just created, with its secret: the only time Portier has the secret to show. */
public record NewApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "NewApiToken[token=" + token + "]";
    }
}
