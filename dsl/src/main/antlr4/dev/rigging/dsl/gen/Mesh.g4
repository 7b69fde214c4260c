// The .mesh policy language. This grammar is an implementation detail of dsl/:
// nothing outside the MeshParser class sees a parse tree; everything else gets our AST.
grammar Mesh;


file        : meshHeader importDecl* decl* EOF ;
meshHeader  : MESH name ;
importDecl  : IMPORT STRING ;

decl        : serviceDecl | routeDecl | authzDecl | gatewayDecl ;

// ---- services -------------------------------------------------------------
serviceDecl : SERVICE name LBRACE serviceItem* RBRACE ;
serviceItem : portItem                                      # servicePortItem
            | OUTBOUND INT                               # outboundItem
            | CALLS name (COMMA name)*                    # callsItem
            | endpointItem                                # serviceEndpointItem
            | versionDecl                                 # versionItem
            | policyBlock                                 # servicePolicyItem
            ;
portItem     : PORT INT name ;
endpointItem : ENDPOINT address ;
address      : IPV4_ADDRESS | IPV6_ADDRESS | STRING ;
versionDecl  : VERSION name LBRACE versionEntry* RBRACE ;
versionEntry : LABELS LBRACE label* RBRACE                # labelsEntry
             | endpointItem                               # versionEndpointEntry
             | policyBlock                                # versionPolicyEntry
             ;
label        : labelKey COLON STRING COMMA? ;
labelKey     : name | STRING ;

// Traffic policy: key/value settings, validated by the checker so that an unknown
// key gets a "did you mean" rather than a bare syntax error.
policyBlock : POLICY LBRACE setting* RBRACE ;
setting     : name settingValue                           # valueSetting
            | name LBRACE setting* RBRACE                 # blockSetting
            ;
settingValue : INT | PERCENT | UNIT_NUMBER | DECIMAL | STRING | name ;

// ---- routes ---------------------------------------------------------------
routeDecl   : ROUTE name LBRACE routeRule* RBRACE ;
routeRule   : MATCH condition+ LBRACE action* RBRACE       # matchRule
            | DEFAULT LBRACE action* RBRACE                # defaultRule
            ;
condition   : PATH pathKind STRING                         # pathCondition
            | METHOD name (COMMA name)*                    # methodCondition
            | HEADER STRING valueMatch                     # headerCondition
            | QUERY STRING valueMatch                      # queryCondition
            ;
pathKind    : EXACT | PREFIX | REGEX ;
valueMatch  : (EXACT | PREFIX | REGEX) STRING | PRESENT | ABSENT ;

action      : TO destination                               # toAction
            | SPLIT weighted (COMMA weighted)*             # splitAction
            | FAULT faultPart (COMMA faultPart)*           # faultAction
            | TIMEOUT UNIT_NUMBER                          # timeoutAction
            | RETRIES INT retryClause*                     # retriesAction
            | MIRROR destination (ON PERCENT)?             # mirrorAction
            | REWRITE rewritePart+                         # rewriteAction
            | REDIRECT redirectPart+                       # redirectAction
            | RESPOND INT STRING?                          # respondAction
            | direction=(REQUEST | RESPONSE) headerOp       # headersAction
            ;
destination : name (DOT name)? ;
weighted    : destination PERCENT ;
faultPart   : DELAY UNIT_NUMBER (ON PERCENT)?              # delayFault
            | ABORT INT (ON PERCENT)?                      # abortFault
            ;
retryClause : PER_TRY UNIT_NUMBER                          # perTryClause
            | ON retryCondition (COMMA retryCondition)*    # retryOnClause
            | BACKOFF UNIT_NUMBER (MAX UNIT_NUMBER)?       # backoffClause
            ;
retryCondition : UNIT_NUMBER | INT | name ;               // 5xx | 503 | connect-failure
rewritePart : PREFIX STRING                                # prefixRewrite
            | REGEX STRING STRING                          # regexRewrite
            | HOST STRING                                  # hostRewrite
            ;
redirectPart : SCHEME STRING                               # schemeRedirect
             | HOST STRING                                 # hostRedirect
             | PORT INT                                    # portRedirect
             | PATH STRING                                 # pathRedirect
             | PREFIX STRING                               # prefixRedirect
             | CODE INT                                    # codeRedirect
             | STRIP_QUERY                                 # stripQueryRedirect
             ;
headerOp    : SET STRING STRING                            # setHeader
            | ADD STRING STRING                            # addHeader
            | REMOVE STRING                                # removeHeader
            ;

// ---- authorization -------------------------------------------------------
authzDecl   : AUTHZ name LBRACE authzItem* RBRACE ;
authzItem   : DEFAULT decision=(ALLOW | DENY)              # authzDefault
            | decision=(ALLOW | DENY) authzFrom? authzTo? authzWhen?   # authzRule
            ;
authzFrom   : FROM name (COMMA name)* ;
// Methods, then paths: `to GET, POST "/a/*", "/b"`. Commas are required inside each list so
// a line break never lets the next rule's words be read as more targets.
authzTo     : TO authzMethod (COMMA authzMethod)* (STRING (COMMA STRING)*)?
            | TO STRING (COMMA STRING)*
            ;
authzMethod : IDENT ;
authzWhen   : WHEN HEADER STRING valueMatch (AND HEADER STRING valueMatch)* ;

// ---- ingress gateway -------------------------------------------------------
gatewayDecl : GATEWAY name LBRACE gatewayItem* RBRACE ;
gatewayItem : portItem                                      # gatewayPort
            | HOSTS STRING (COMMA STRING)*                  # gatewayHosts
            | routeRule                                     # gatewayRule
            ;

// Keywords are reserved only where they would be ambiguous; elsewhere they may
// name things (a service called `version`, a label key called `path`).
name : IDENT | MESH | IMPORT | SERVICE | PORT | OUTBOUND | CALLS | ENDPOINT | VERSION | LABELS
     | POLICY | ROUTE | PATH | METHOD | HEADER | QUERY | EXACT | PREFIX | REGEX | PRESENT | ABSENT
     | TO | SPLIT | FAULT | TIMEOUT | RETRIES | MIRROR | REWRITE | REDIRECT | RESPOND | REQUEST
     | RESPONSE | DELAY | ABORT | ON | PER_TRY | BACKOFF | MAX | HOST | SCHEME | CODE | STRIP_QUERY
     | SET | ADD | REMOVE | AUTHZ | ALLOW | DENY | FROM | WHEN | AND | GATEWAY | HOSTS | DEFAULT ;

MESH: 'mesh'; IMPORT: 'import'; SERVICE: 'service'; PORT: 'port'; OUTBOUND: 'outbound';
CALLS: 'calls'; ENDPOINT: 'endpoint'; VERSION: 'version'; LABELS: 'labels'; POLICY: 'policy';
ROUTE: 'route'; MATCH: 'match'; DEFAULT: 'default'; PATH: 'path'; METHOD: 'method';
HEADER: 'header'; QUERY: 'query'; EXACT: 'exact'; PREFIX: 'prefix'; REGEX: 'regex';
PRESENT: 'present'; ABSENT: 'absent'; TO: 'to'; SPLIT: 'split'; FAULT: 'fault';
TIMEOUT: 'timeout'; RETRIES: 'retries'; MIRROR: 'mirror'; REWRITE: 'rewrite';
REDIRECT: 'redirect'; RESPOND: 'respond'; REQUEST: 'request'; RESPONSE: 'response';
DELAY: 'delay'; ABORT: 'abort'; ON: 'on'; PER_TRY: 'per_try'; BACKOFF: 'backoff'; MAX: 'max';
HOST: 'host'; SCHEME: 'scheme'; CODE: 'code'; STRIP_QUERY: 'strip_query'; SET: 'set';
ADD: 'add'; REMOVE: 'remove'; AUTHZ: 'authz'; ALLOW: 'allow'; DENY: 'deny'; FROM: 'from';
WHEN: 'when'; AND: 'and'; GATEWAY: 'gateway'; HOSTS: 'hosts';

LBRACE: '{'; RBRACE: '}'; COMMA: ','; COLON: ':'; DOT: '.';

IPV4_ADDRESS : DIGIT+ '.' DIGIT+ '.' DIGIT+ '.' DIGIT+ ':' DIGIT+ ;
IPV6_ADDRESS : '[' [0-9a-fA-F:.]+ ']' ':' DIGIT+ ;
// A number with any unit is one token; the checker decides whether the unit is
// a valid duration unit, so `5sec` is "malformed duration", not a syntax error.
PERCENT     : DIGIT+ ('.' DIGIT+)? '%' ;
UNIT_NUMBER : DIGIT+ ('.' DIGIT+)? [a-zA-Z] [a-zA-Z0-9]* ;
DECIMAL     : DIGIT+ '.' DIGIT+ ;
INT         : DIGIT+ ;
IDENT       : [a-zA-Z_] [a-zA-Z0-9_-]* ;
STRING      : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* ;

LINE_COMMENT  : ('//' | '#') ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n]+ -> channel(HIDDEN) ;
// Anything else becomes one error token so the lexer never throws.
ERROR_CHAR    : . ;

fragment DIGIT : [0-9] ;
