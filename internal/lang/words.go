package lang

// language is one language that shares its script with others: its most
// frequent words (lower case, apostrophes split off: "l'homme" is "l" and
// "homme") and the letters that few other languages use.
type language struct {
	tag     string
	script  script
	letters string
	words   string
}

// languages lists at most 64 languages (a bit each).
var languages = []language{
	{tag: "en", script: scLatin, words: `
the of and to a in is that for it on was with as he be at by this had not are but from or have an
they which one you were her all she there would their we him been has when who will more no if out so
said what up its about into than them can only other some could these may then do first any my now
such like our over me even most made after also did many before must through back where much your
way well down should because each just those how too very make still own see here between both being
under never same another know while last might us off since against go right take three few during
without again around however every does got until always something though less put almost enough
far yet why next once upon whether either rather several among within although toward towards whose
whom himself herself themselves itself ourselves myself yourself isn aren wasn weren don doesn didn
won wouldn couldn shouldn hasn haven hadn ve ll re shall onto unless yes says told
`},
	{tag: "de", script: scLatin, letters: "ß", words: `
der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden
aus er hat dass daß sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur
oder aber vor zur bis mehr durch man sein wurde sei hatte kann gegen vom können schon wenn habe seine
ihre dann unter wir soll ich eines jahr jahren diese dieser wieder keine seiner worden will zwischen
immer sagte gibt alle diesen seit muss wurden denn dabei ihr ihren beim doch jetzt damit sehr ob kein
dort hier sondern etwa sowie allerdings jedoch also heute uns mir mich dich ihm ihn ihnen euch wo
weil da während nichts viele vielen ohne welche welcher dieses diesem jeder jede ganz neue neuen
ersten bereits gewesen waren wäre würde würden könnte sollte müssen dürfen hatten zwar zudem weitere
weiteren selbst eigenen seinen seinem ihrem ihrer unsere unser meine mein nun ab außerdem nämlich
zwei drei gut geht macht
`},
	{tag: "fr", script: scLatin, letters: "œ", words: `
le la les de des du un une et à en est que qui dans pour pas sur au aux par il elle ils elles ne se
ce cette ces son sa ses leur leurs avec plus mais ou où comme on nous vous je tu me te lui y été être
avoir ont sont était avait fait faire dont tout tous toute toutes très aussi bien sans sous entre
après avant depuis encore déjà peu même autre autres quand si donc alors ainsi car notre nos votre
vos mon ma mes l d qu n s c j jusqu lorsqu puisqu aujourd hui selon chez contre vers pendant cela ça
celui celle ceux celles quelque quelques chaque plusieurs fois ans année peut doit va sera seront
serait pourrait avons avez étaient aurait toujours jamais rien moins non oui deux trois cet
`},
	{tag: "es", script: scLatin, letters: "ñ", words: `
el la los las de del un una unos unas y en que a por para con no es se su sus al lo como más pero o
ha han fue ser está están este esta estos estas ese esa eso esto le les me mi te tu nos sin sobre
entre también muy ya hasta desde cuando donde porque si sí hay todo toda todos todas otro otra otros
otras cual cuales quien quienes hace había habían sido son era eran será puede pueden tiene tienen
año años después antes durante según contra tras mismo misma así solo sólo aunque ni cada dos tanto
mientras bien estaba estaban ella ellos ellas él yo usted ustedes nosotros algo nada vez veces menos
mucho mucha muchos muchas poco qué cómo cuándo dónde sea hoy aquí allí tres e u
`},
	{tag: "pt", script: scLatin, letters: "ãõ", words: `
o a os as de do da dos das um uma uns umas e em no na nos nas que por para com não é se seu sua seus
suas ao aos à às pelo pela pelos pelas como mais mas ou foi ser está estão este esta estes estas esse
essa isso isto lhe lhes me meu minha te nós sem sobre entre também muito já até desde quando onde
porque há tudo todo toda todos todas outro outra outros outras qual quais quem faz havia sido são era
eram será pode podem tem têm ano anos depois antes durante segundo contra mesmo mesma assim só apenas
embora nem cada dois duas tanto enquanto bem estava estavam ela eles elas ele eu você vocês algo nada
vez vezes menos muitos muitas pouco ainda num numa dele dela deles delas neste nesta nesse nessa desse
dessa deste desta aquele aquela aquilo então vai vão ter hoje aqui ali após três
`},
	{tag: "it", script: scLatin, words: `
il lo la i gli le di del della dei degli delle dello un una uno e è in che per non con si da dal
dalla dai sul sulla nel nella nei negli al alla ai agli allo come più ma o anche ha hanno sono era
erano stato stata essere avere questo questa questi queste quello quella quelli suo sua suoi sue
loro ci ne se tra fra dopo prima ancora già molto poi quando dove perché così tutto tutti tutta
tutte altro altra altri altre cui chi cosa solo fino sempre ogni oggi anni anno può possono deve fa
fatto mentre senza sotto sopra contro verso però quindi invece ed l dell nell all sull io tu lui lei
noi voi mi ti vi nostro nostra due tre aveva avevano sarà essere viene
`},
	{tag: "nl", script: scLatin, words: `
de het een en van in is dat op te zijn voor met die niet aan er om ook als bij of door maar dan nog
naar uit tot wordt worden werd werden was waren heeft hebben had hij zij ze we wij je jij u ik hem
haar hun ons mijn deze dit wat wie waar wanneer hoe omdat want dus al over onder tussen na tegen
zonder sinds zo toch nu hier daar meer veel andere ander geen wel alle kan kunnen moet moeten zal
zullen zou zouden jaar jaren twee eerste nieuwe echter zelf even alleen nooit altijd steeds iets
niets men heel erg volgens bijvoorbeeld tijdens binnen zich drie
`},
	{tag: "sv", script: scLatin, words: `
och i att det som en på är av för med till den har de inte om ett han hon men var jag sig från vi så
kan när år säger hade sin under nu eller efter vid mot alla också bara skulle ska då blir blev vara
varit finns upp ut än där här hur vad vilket vilken vilka denna detta dessa deras dess hans hennes
honom henne oss dem mig dig du ni mycket många andra annan inget ingen något några sedan samt dock
även utan mellan genom enligt kommer får fick två första nya nytt redan ju alltså tre
`},
	{tag: "da", script: scLatin, words: `
og i at det som en på er af for med til den har de ikke om et han hun men var jeg sig fra vi så kan
når år siger havde sin under nu eller efter ved mod alle også bare skulle skal da bliver blev være
været findes op ud end der her hvor hvad hvilket hvilken hvilke denne dette disse deres dens hans
hendes ham hende os dem mig dig du meget mange andre anden intet ingen noget nogle siden samt dog
uden mellem gennem ifølge kommer får fik to første nye nyt allerede jo altså hvis min mit mine din
dit dine sit sine tre
`},
	{tag: "no", script: scLatin, words: `
og i å det som en på er av for med til den har de ikke om et han hun men var jeg seg fra vi så kan
når år sier hadde sin under nå eller etter ved mot alle også bare skulle skal da blir ble være vært
finnes opp ut enn der her hvor hva hvilket hvilken hvilke denne dette disse deres dens hans hennes
ham henne oss dem meg deg du dere mye mange andre annen ingenting ingen noe noen siden samt dog uten
mellom gjennom ifølge kommer får fikk to første nye nytt allerede jo altså hvis min mitt mine din
ditt dine sitt sine tre
`},
	{tag: "fi", script: scLatin, words: `
ja on ei se että oli hän mutta kun niin myös tai jos sen ovat ole olla ollut olivat joka jotka mikä
mitä miten missä kuin vain jo nyt sitten vielä kanssa koska vaan kaikki ensimmäinen tämä tämän nämä
ne he me te minä sinä hänen heidän meidän sekä eli noin yli alle mukaan jälkeen aikana vuonna vuoden
lisäksi kuitenkin siis siitä sitä siinä tässä tästä tätä täällä siellä voi voidaan pitää eikä ettei
kaksi uusi uuden hyvin paljon aina koskaan ennen olen olet olemme ovat kolme
`},
	{tag: "pl", script: scLatin, letters: "łąęśźżń", words: `
i w na z że do nie się to jest o a jak po co tak za od przez jego jej ich dla ale już są był była
było były być może tylko czy przy pod nad także również oraz lub albo jednak gdy kiedy gdzie który
która które których którzy ten ta te tego tej tym tych też bardzo jeszcze teraz tu tam go mu im ja
ty on ona ono my wy oni one mnie ci mi sobie nas was by bo więc ponieważ jeśli aby żeby między przed
podczas według bez roku lat lata dwa pierwszy nowy nowe można trzeba będzie będą został została
zostało zostały trzy
`},
	{tag: "cs", script: scLatin, letters: "řěů", words: `
a v se na je že to s z do o i k ve ze za jako by byl byla bylo byly být jsou jsem jsi jsme jste není
nebo ale také jen již už jak co kde kdy který která které kteří jeho její jejich tento tato toto
tyto ten ta tak tam tu pro při od po podle před pod nad mezi bez než aby když pokud protože však
ještě velmi více roku let dva první nový nové může mohou bude budou má mají měl měla mělo této tomto
tohoto tím své svou svého něco nic tedy zda nás vás nám vám mu mi ho jim tři
`},
	{tag: "sk", script: scLatin, letters: "ľĺŕ", words: `
a v sa na je že to s z do o i k vo zo za ako by bol bola bolo boli byť sú som si sme ste nie alebo
ale aj len už čo kde kedy ktorý ktorá ktoré ktorí jeho jej ich tento táto toto tieto ten tá tak tam
tu pre pri od po podľa pred pod nad medzi bez než aby keď ak pretože však ešte veľmi viac roku rokov
dva prvý nový nové môže môžu bude budú má majú mal mala malo tejto tomto tohto tým svoje svoju
svojho niečo nič teda či nás vás nám vám mu mi ho im tri
`},
	{tag: "tr", script: scLatin, letters: "ığş", words: `
ve bir bu da de için ile olarak çok daha en gibi olan ama ancak sonra kadar göre her şey ne değil
var yok ise ya veya hem mi mı mu mü o onun onu ona onlar bunu buna bunun şu şöyle ben sen biz siz
benim bizim olduğu olduğunu oldu olması olacak etti eden eder yapılan yaptı kendi bütün tüm diğer
aynı yeni iki ilk yıl yılında içinde arasında üzerinde tarafından nasıl neden çünkü eğer hiç artık
bile sadece zaten üç
`},
	{tag: "ro", script: scLatin, letters: "țșţ", words: `
și în de la a cu pe care că nu se din o un este sunt fost au fi mai pentru ca dar sau iar ci către
prin după până despre fără între sub peste lui ei lor el ea ele noi voi eu tu mă te ne vă îi îl le
acest această acești aceste acel acea cel cea cei cele tot toate toți foarte doar deja încă când
unde cum ce cine fiecare alt altă alți alte va vor ar avea are fiind anul anului ani două doi primul
nou nouă astfel însă deci totuși trei
`},
	{tag: "hu", script: scLatin, letters: "őű", words: `
a az és hogy nem is egy meg van volt ez azt ezt de csak már még el ha mint kell lehet vagy sem pedig
mert mivel akkor amikor ahol aki amely ami amit minden nagyon így úgy most itt ott után előtt között
alatt felett nélkül szerint miatt által való lesz lett lenne voltak vannak nincs sok több kevés két
első új évben év évi ő ők mi ti én te neki nekik őt őket ennek annak arra erre ebben abban azok ezek
egyik másik saját szintén azonban tehát illetve vagyis három
`},
	{tag: "id", script: scLatin, words: `
yang dan di ke dari ini itu dengan untuk pada tidak akan adalah dalam juga ada oleh sebagai karena
atau bisa sudah telah saat tersebut lebih para kami kita mereka dia ia saya anda kamu bahwa jika
jadi agar hanya masih harus dapat seperti hingga sampai setelah sebelum antara tanpa secara sangat
banyak semua setiap beberapa tahun dua satu pertama baru belum pernah bagi namun tetapi tapi serta
maupun yaitu yakni lagi kini tiga
`},
	{tag: "vi", script: scLatin, letters: "đơư", words: `
của và là các có được trong cho không những một người này với đã để khi từ đến cũng như ra về theo
đó nhiều năm tại sẽ vào thì nhưng lại còn phải nên rằng hơn nếu mà hay đang vẫn chỉ bị do qua sau
trước giữa trên dưới rất mình họ chúng tôi bạn anh chị ông bà ấy nó gì nào đâu sao vì nơi lúc hai
mới cùng việc ba
`},
	{tag: "ca", script: scLatin, words: `
el la els les de del dels un una i en que a per amb no és es se seu seva seus seves al als com més
però o ha han va van ser està estan aquest aquesta aquests aquestes això també molt ja fins des
quan on perquè hi tot tota tots totes altre altra altres qual qui fa havia són era eren serà pot
poden té tenen any anys després abans durant segons contra mateix així només encara cada dos mentre
bé ella ells elles ell jo nosaltres res vegada menys molts poc avui aquí allà sense sobre entre
tres d l n s
`},

	{tag: "ru", script: scCyrillic, letters: "ыэё", words: `
и в не на я что он с как а то все она так его но да ты к у же вы за бы по только ее её мне было вот
от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас
нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем
была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой
совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три
эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно
всю между это также года году является который которая которые которых время очень
`},
	{tag: "uk", script: scCyrillic, letters: "іїєґ", words: `
і й та що в у на з до не як це за від по для але його про ми ви вони він вона воно є був була були
було буде бути також які який яка якого яких цей ця ці цього коли де так же ж ще вже лише тільки
може можна треба їх їм її йому нам вам нас вас себе після через між під над при без чи або аби щоб
якщо тому тоді зараз тут там саме дуже більш більше році року я ти мене тебе свій своє свої який
всі усі весь вся нього неї них зі із понад близько щодо
`},
	{tag: "bg", script: scCyrillic, letters: "ъѝ", words: `
и в на е да се за от с не по че са към като това този тази тези но или до след при през който която
което които бе беше бяха ще има няма може трябва го ги му им ѝ я ли също още само както така тук там
когато ако защото обаче вече много година години всички между пред над под без според той тя те
ние вие аз съм си сме сте бил била били
`},
	{tag: "sr", script: scCyrillic, letters: "ђћџљњј", words: `
и у је да се на за од са не као што али или из до по о ће су био била било били који која које
којих овај ова ово тај та то њих њега њој њему нам вам их га му јој јер ако када где још само већ
веома године између после пре према без кроз код изнад испод ми ви они оне она он ја сам смо сте
`},

	{tag: "ar", script: scArabic, letters: "ةيكى", words: `
في من على إلى الى أن عن مع هذا هذه التي الذي الذين كان كانت قد لا ما لم لن هو هي هم أو ثم بعد قبل
حتى بين عند كل ذلك تلك أي إن إذا لكن غير منذ خلال حيث أيضا يكون وقد وفي ومن علي وهو وهي كما عام
أكثر فقط بها به له لها فيه فيها ولا أنه أنها إلى
`},
	{tag: "fa", script: scArabic, letters: "پچژگکی", words: `
و در به از که این را با است برای آن یک تا می خود بر هم نیز شد شده بود کرد کند کرده دارد های ها او
ما شود باید هر پس اما اگر یا چه چون وی بین پیش ای همه دیگر نمی بی ایران سال
`},
	{tag: "ur", script: scArabic, letters: "پچگکیٹڈڑںےھہ", words: `
کے کی میں ہے اور سے کو نے پر یہ کہ ہیں تھا تھی تھے ایک بھی اس ان کا جو کر گیا گئی ہو رہا رہی ہوں
نہیں لیے کیا وہ اپنے کچھ جب تک
`},

	{tag: "hi", script: scDevanagari, words: `
के है में की और से को का एक यह पर इस ने हैं कि भी था थे थी हो जो कर लिए या तो ही गया किया नहीं रहा
साथ अपने उन वह इसके बाद कहा होता करने वाले जा सकता दिया
`},
	{tag: "mr", script: scDevanagari, words: `
आहे आणि या व ते हे की आहेत होते केले करण्यात त्या त्यांच्या मध्ये असे आता म्हणून होता तर पण मी आम्ही
त्यांनी झाले नाही हा ही
`},
	{tag: "ne", script: scDevanagari, words: `
र छ हो को मा पनि गर्न भएको छन् थियो गरेको लागि तथा यो त्यो उनी हुन्छ गर्ने रहेको भने अनि पछि छैन
`},
}
